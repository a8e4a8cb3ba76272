#include "autograd/engine.h"

#include <algorithm>
#include <queue>
#include <unordered_map>
#include <unordered_set>

#include "autograd/accumulate_grad.h"
#include "autograd/autograd_meta.h"
#include "autograd/grad_mode.h"
#include "autograd/grad_utils.h"
#include "core/error.h"
#include "core/small_alloc.h"
#include "ops/autocast.h"
#include "ops/creation.h"
#include "ops/elementwise.h"

namespace ember::autograd {

namespace {

bool same_sizes(IntArrayRef a, IntArrayRef b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

// The gradient for each root: the given one (checked against the root) or ones for a one-element root.
Tensor root_gradient(const Tensor &out, const Tensor &given, size_t i) {
    if (!given.defined()) {
        EMBER_CHECK(out.numel() == 1, Autograd, "grad can be implicitly created only for scalar outputs (output ", i,
                    " has shape ", out.sizes(), ")");
        return ones(out.sizes(), out.dtype(), out.device());
    }
    EMBER_CHECK(same_sizes(given.sizes(), out.sizes()), Shape, "Mismatch in shape: grad_output[", i,
                "] has a shape of ", given.sizes(), " and output[", i, "] has a shape of ", out.sizes(), ".");
    EMBER_CHECK(given.device() == out.device(), Device, "Mismatch in device: grad_output[", i,
                "] is on another device than output[", i, "].");
    // As PyTorch: a gradient of another dtype is converted to the output's dtype.
    return given.dtype() == out.dtype() ? given : cast(given, out.dtype());
}

// Checks a gradient a node produced against what its destination expects; reduces gradients of
// broadcast inputs to the input's shape and converts dtypes, as PyTorch's engine does.
Tensor validate(Node &producer, size_t index, Tensor g, const GradSlotMeta &expect) {
    if (!same_sizes(g.sizes(), expect.sizes)) {
        EMBER_CHECK(is_expandable_to(expect.sizes, g.sizes()), Autograd, "Function ", producer.name(),
                    " returned an invalid gradient at index ", index, " - got ", g.sizes(),
                    " but expected shape compatible with ", IntArrayRef(expect.sizes));
        g = sum_to(g, expect.sizes);
    }
    EMBER_CHECK(g.device() == expect.device, Device, "Function ", producer.name(),
                " returned a gradient on the wrong device at index ", index);
    if (g.dtype() != expect.dtype) g = cast(g, expect.dtype);
    return g;
}

struct ReadyOrder {
    bool operator()(const Node *a, const Node *b) const { return a->sequence_nr < b->sequence_nr; }
};

class GraphTask {
    struct Target {
        Edge edge;
        size_t input;
        Tensor tensor;
    };

public:
    GraphTask(const BackwardOptions &o) : opt_(o) {}

    TensorList run(const TensorList &outputs, const TensorList &grad_outputs, const TensorList &inputs) {
        std::vector<Edge> roots;
        TensorList root_grads;
        for (size_t i = 0; i < outputs.size(); ++i) {
            const Tensor &out = outputs[i];
            EMBER_CHECK(out.defined(), InvalidArgument, "output ", i, " is NULL");
            EMBER_CHECK(requires_grad(out), Autograd, "element ", i,
                        " of tensors does not require grad and does not have a grad_fn");
            roots.push_back(gradient_edge(out));
            root_grads.push_back(root_gradient(out, i < grad_outputs.size() ? grad_outputs[i] : Tensor(), i));
        }
        // Targets: where the requested inputs' gradients arrive.
        for (size_t i = 0; i < inputs.size(); ++i) {
            EMBER_CHECK(inputs[i].defined(), InvalidArgument, "input ", i, " is NULL");
            if (opt_.capture)
                EMBER_CHECK(requires_grad(inputs[i]), Autograd, "One of the differentiated Tensors (input ", i,
                            ") does not require grad");
            Edge e = gradient_edge(inputs[i]);
            if (e.valid()) targets_.push_back(Target{e, i, inputs[i]});
        }
        captured_.resize(inputs.size());
        discover(roots);

        for (size_t i = 0; i < roots.size(); ++i) deliver(roots[i], std::move(root_grads[i]));
        for (auto &[node, st] : nodes_)
            if (st.has_buffer && st.deps == 0) ready_.push(node);
        while (!ready_.empty()) {
            Node *n = ready_.top();
            ready_.pop();
            execute(*n);
        }
        if (opt_.capture) {
            for (size_t i = 0; i < inputs.size(); ++i)
                EMBER_CHECK(captured_[i].defined() || opt_.allow_unused, Autograd, "One of the differentiated Tensors (input ",
                            i, ") appears to not have been used in the graph. Set allow_unused=True if this is the "
                            "desired behavior.");
        }
        return std::move(captured_);
    }

private:
    // Counts, for every node reachable from the roots, how many edges lead into it; with targets,
    // also marks the nodes that lie on a path to one (only those need to run).
    void discover(const std::vector<Edge> &roots) {
        std::vector<Node *> stack;
        for (const Edge &e : roots)
            if (e.valid() && nodes_.try_emplace(e.fn.get()).second) stack.push_back(e.fn.get());
        std::vector<Node *> order;
        while (!stack.empty()) {
            Node *n = stack.back();
            stack.pop_back();
            order.push_back(n);
            for (const Edge &e : n->next_edges) {
                if (!e.valid()) continue;
                auto [it, fresh] = nodes_.try_emplace(e.fn.get());
                ++it->second.deps;
                if (fresh) stack.push_back(e.fn.get());
            }
        }
        if (targets_.empty()) return;
        for (const Target &t : targets_) needed_.insert(t.edge.fn.get());
        // Propagate "needed" backwards until nothing changes (graphs are DAGs; a few passes).
        for (bool changed = true; changed;) {
            changed = false;
            for (Node *n : order) {
                if (needed_.count(n)) continue;
                for (const Edge &e : n->next_edges)
                    if (e.valid() && needed_.count(e.fn.get())) {
                        needed_.insert(n);
                        changed = true;
                        break;
                    }
            }
        }
    }

    void deliver(const Edge &e, Tensor g) {
        if (!e.valid()) return;
        NodeState &st = nodes_[e.fn.get()];
        TensorList &buf = st.buffer;
        if (!st.has_buffer) {
            st.has_buffer = true;
            buf.resize(e.fn->slots.size());
            holds_.push_back(e.fn);  // keeps the node alive while the pass runs
        }
        Tensor &slot = buf[e.input_nr];
        if (!g.defined()) return;
        slot = slot.defined() ? binary(EMBER_BINARY_ADD, slot, g) : std::move(g);
    }

    void execute(Node &n) {
        NodeState &st = nodes_[&n];
        TensorList grads = std::move(st.buffer);
        st.buffer = TensorList();
        st.has_buffer = false;

        run_pre_hooks(n, grads);
        for (const Target &t : targets_)
            if (t.edge.fn.get() == &n && grads[t.edge.input_nr].defined()) capture(t, grads[t.edge.input_nr]);

        bool skip = (!targets_.empty() && !needed_.count(&n)) ||
                    (opt_.capture && dynamic_cast<AccumulateGrad *>(&n) != nullptr);
        if (!targets_.empty() && !opt_.capture && dynamic_cast<AccumulateGrad *>(&n) != nullptr) {
            skip = true;  // backward(inputs=...): only the listed leaves accumulate
            for (const Target &t : targets_) skip &= t.edge.fn.get() != &n;
        }
        TensorList out;
        if (!skip) {
            GradModeGuard mode(opt_.create_graph);
            out = n.apply(std::move(grads));
            if (!opt_.retain_graph) n.release_saved();
        } else {
            out.resize(n.next_edges.size());
        }
        EMBER_CHECK(out.size() == n.next_edges.size() || out.empty(), Internal, "Function ", n.name(), " returned ",
                    out.size(), " gradients, expected ", n.next_edges.size());
        for (size_t i = 0; i < out.size(); ++i) {
            const Edge &e = n.next_edges[i];
            if (!e.valid()) continue;
            Tensor g = std::move(out[i]);
            if (g.defined()) g = validate(n, i, std::move(g), e.fn->slots[e.input_nr]);
            deliver(e, std::move(g));
            release_dependency(e.fn.get());
        }
        if (out.empty())
            for (const Edge &e : n.next_edges)
                if (e.valid()) release_dependency(e.fn.get());
    }

    // Hooks on non-leaf tensors, and retain_grad, see the complete gradient of their tensor.
    void run_pre_hooks(Node &n, TensorList &grads) {
        std::vector<GradHook> hooks;
        std::vector<std::pair<uint32_t, AutogradMeta *>> retained;
        {
            std::lock_guard lock(n.hooks_mutex);
            hooks = n.pre_hooks;
            retained = n.retained;
        }
        for (const GradHook &h : hooks)
            if (grads[h.slot].defined()) grads[h.slot] = h.call(grads[h.slot], n.slots[h.slot]);
        for (auto &[slot, meta] : retained) {
            if (!grads[slot].defined()) continue;
            std::lock_guard lock(meta->mutex);
            if (!meta->grad.defined())
                meta->grad = opt_.create_graph ? grads[slot] : clone(grads[slot]);
            else
                meta->grad = binary(EMBER_BINARY_ADD, meta->grad, grads[slot]);
        }
    }

    void capture(const Target &t, const Tensor &g) {
        if (opt_.capture) {
            Tensor &c = captured_[t.input];
            c = c.defined() ? binary(EMBER_BINARY_ADD, c, g) : g;
            return;
        }
        if (is_leaf(t.tensor)) return;  // its accumulator does the work
        // backward(inputs=[non-leaf]): the gradient goes to that tensor's .grad.
        AutogradMeta &m = meta_of(t.tensor);
        std::lock_guard lock(m.mutex);
        m.grad = m.grad.defined() ? binary(EMBER_BINARY_ADD, m.grad, g) : (opt_.create_graph ? g : clone(g));
    }


    BackwardOptions opt_;
    // Per node of the pass (one hash entry each: discovery, dependency count and input buffer).
    struct NodeState {
        uint32_t deps = 0;        // edges from nodes that have not run yet
        bool has_buffer = false;  // it has received a gradient and not run yet
        TensorList buffer;        // its incoming gradients, one per input slot
    };
    // One edge into n is done; n runs once all are and it has a gradient.
    void release_dependency(Node *n) {
        NodeState &st = nodes_[n];
        if (--st.deps == 0 && st.has_buffer) ready_.push(n);
    }

    std::unordered_map<Node *, NodeState, std::hash<Node *>, std::equal_to<Node *>,
                       small_alloc::Allocator<std::pair<Node *const, NodeState>>>
        nodes_;
    std::unordered_set<Node *> needed_;
    std::vector<Ref<Node>> holds_;
    std::priority_queue<Node *, std::vector<Node *>, ReadyOrder> ready_;
    std::vector<Target> targets_;
    TensorList captured_;
};

}  // namespace

TensorList run_backward(const TensorList &outputs, const TensorList &grad_outputs, const TensorList &inputs,
                        const BackwardOptions &options) {
    EMBER_CHECK(!outputs.empty(), InvalidArgument, "backward: no outputs given");
    EMBER_CHECK(grad_outputs.empty() || grad_outputs.size() == outputs.size(), InvalidArgument, "backward: got ",
                grad_outputs.size(), " gradients for ", outputs.size(), " outputs");
    // The formulas replay the dtypes the forward pass recorded: autocast must not recast them.
    autocast::Suspend no_autocast;
    GraphTask task(options);
    return task.run(outputs, grad_outputs, inputs);
}

}  // namespace ember::autograd
