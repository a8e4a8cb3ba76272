// Dispatch: op -> device backend -> dtype. Each op family owns a DispatchTable with one kernel
// slot per (device type, op); a backend fills its row when it loads (CPU: at library load, for
// the instruction set chosen then; GPU: when its shared library is loaded). Kernels dispatch on
// dtype themselves through visit_dtype. A missing slot is an Unsupported error naming both.
#pragma once
#include "core/device.h"
#include "core/error.h"

namespace ember {

template <typename Fn, int NumOps = 1>
class DispatchTable {
public:
    void set(DeviceType d, int op, Fn f) { table_[static_cast<int>(d)][op] = f; }
    void set(DeviceType d, Fn f) { set(d, 0, f); }
    Fn get(Device d, int op, const char *name) const {
        Fn f = table_[static_cast<int>(d.type)][op];
        EMBER_CHECK(f != nullptr, Unsupported, name, " is not implemented for ", d.type_name(), " tensors");
        return f;
    }
    Fn get(Device d, const char *name) const { return get(d, 0, name); }

private:
    Fn table_[kNumDeviceTypes][NumOps] = {};
};

}  // namespace ember
