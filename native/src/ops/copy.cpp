#include "ops/copy.h"

namespace ember {

DispatchTable<CopyKernel> &copy_dispatch() {
    static DispatchTable<CopyKernel> t;
    return t;
}

}  // namespace ember
