// First- and second-order gradient checks of the indexing and sorting ops (index_select, gather,
// scatter, scatter_add, advanced indexing, index_put, masked_select, take, sort, topk), their
// in-place forms, repeated indices, broadcasting, non-contiguous and zero-size inputs, node
// names and values checked against PyTorch 1.13.
#include "gradcheck.h"

using namespace ember_test;

namespace {

Tensor mul(ember_tensor a, ember_tensor b) {
    Tensor r;
    EXPECT_EMBER_OK(ember_binary(EMBER_BINARY_MUL, a, b, nullptr, r.put()));
    return r;
}
Tensor sq(ember_tensor x) { return mul(x, x); }
Tensor transposed(ember_tensor x, int64_t a = 0, int64_t b = 1) {
    Tensor r;
    EXPECT_EMBER_OK(ember_transpose(x, a, b, r.put()));
    return r;
}
Tensor clone(ember_tensor x) {
    Tensor r;
    EXPECT_EMBER_OK(ember_clone(x, r.put()));
    return r;
}
std::vector<Tensor> one(Tensor t) { return std::vector<Tensor>{std::move(t)}; }
Tensor i64(std::vector<int64_t> sizes, const std::vector<double> &v) { return make(EMBER_DTYPE_INT64, std::move(sizes), v); }
Tensor mask(std::vector<int64_t> sizes, const std::vector<double> &v) { return make(EMBER_DTYPE_BOOL, std::move(sizes), v); }

std::string grad_fn_name(ember_tensor t) {
    const char *name = nullptr;
    EXPECT_EMBER_OK(ember_grad_fn_name(t, &name));
    return name ? name : "(leaf)";
}

// d sum(y * w) / dx (w: ones when empty); the graph is kept for further calls.
std::vector<double> grad_of(ember_tensor y, ember_tensor x, std::vector<double> w = {}) {
    if (w.empty()) w.assign(static_cast<size_t>(info_of(y).numel), 1.0);
    Tensor g = make(EMBER_DTYPE_FLOAT64, sizes_of(y), w);
    ember_tensor ys[1] = {y}, gs[1] = {g.get()}, xs[1] = {x}, out[1] = {nullptr};
    EXPECT_EMBER_OK(ember_grad(ys, 1, gs, xs, 1, /*retain_graph=*/true, false, true, out));
    Tensor dx(out[0]);
    return dx ? values_of(dx) : std::vector<double>{};
}

void check(const char *what, const TensorFn &f, const std::vector<Tensor> &inputs) {
    EXPECT_TRUE(gradcheck(f, inputs)) << what;
    EXPECT_TRUE(gradgradcheck(f, inputs)) << what;
}

Tensor index_select(ember_tensor x, int64_t dim, ember_tensor index) {
    Tensor r;
    EXPECT_EMBER_OK(ember_index_select(x, dim, index, r.put()));
    return r;
}
Tensor gather(ember_tensor x, int64_t dim, ember_tensor index) {
    Tensor r;
    EXPECT_EMBER_OK(ember_gather(x, dim, index, r.put()));
    return r;
}
Tensor scatter(ember_tensor x, int64_t dim, ember_tensor index, ember_tensor src, ember_scatter_reduce reduce) {
    Tensor r;
    EXPECT_EMBER_OK(ember_scatter(x, dim, index, src, reduce, nullptr, r.put()));
    return r;
}
Tensor index(ember_tensor x, std::vector<ember_tensor> entries) {
    Tensor r;
    EXPECT_EMBER_OK(ember_index(x, entries.data(), entries.size(), r.put()));
    return r;
}
Tensor index_put(ember_tensor x, std::vector<ember_tensor> entries, ember_tensor values, bool accumulate) {
    Tensor r;
    EXPECT_EMBER_OK(ember_index_put(x, entries.data(), entries.size(), values, accumulate, nullptr, r.put()));
    return r;
}

}  // namespace

TEST(AutogradIndexing, NodeNamesFollowPyTorch) {
    Tensor x = rand_leaf({3, 4}, 1), y = rand_leaf({3, 4}, 2);
    Tensor idx = i64({2}, {0, 2}), idx2 = i64({2, 2}, {0, 1, 2, 0});
    EXPECT_EQ(grad_fn_name(index_select(x, 0, idx)), "IndexSelectBackward0");
    EXPECT_EQ(grad_fn_name(gather(x, 0, idx2)), "GatherBackward0");
    EXPECT_EQ(grad_fn_name(scatter(x, 0, idx2, y, EMBER_SCATTER_ASSIGN)), "ScatterBackward0");
    EXPECT_EQ(grad_fn_name(scatter(x, 0, idx2, y, EMBER_SCATTER_ADD)), "ScatterAddBackward0");
    EXPECT_EQ(grad_fn_name(index(x, {idx})), "IndexBackward0");
    Tensor v = rand_leaf({4}, 3);
    EXPECT_EQ(grad_fn_name(index_put(x, {idx}, v, false)), "IndexPutBackward0");
    Tensor m = mask({4}, {1, 0, 1, 1}), r;
    ASSERT_EMBER_OK(ember_masked_select(x, m, r.put()));
    EXPECT_EQ(grad_fn_name(r), "MaskedSelectBackward0");
    ASSERT_EMBER_OK(ember_take(x, idx2, r.put()));
    EXPECT_EQ(grad_fn_name(r), "TakeBackward0");
    Tensor values, indices;
    ASSERT_EMBER_OK(ember_sort(x, 1, false, false, values.put(), indices.put()));
    EXPECT_EQ(grad_fn_name(values), "SortBackward0");
    bool rg = true;
    ASSERT_EMBER_OK(ember_requires_grad(indices, &rg));
    EXPECT_FALSE(rg);
    ASSERT_EMBER_OK(ember_topk(x, 2, 1, true, true, values.put(), indices.put()));
    EXPECT_EQ(grad_fn_name(values), "TopkBackward0");
    ASSERT_EMBER_OK(ember_argsort(x, 1, false, r.put()));
    ASSERT_EMBER_OK(ember_requires_grad(r, &rg));
    EXPECT_FALSE(rg);
    ASSERT_EMBER_OK(ember_nonzero(x, r.put()));
    ASSERT_EMBER_OK(ember_requires_grad(r, &rg));
    EXPECT_FALSE(rg);
    // In place: the written tensor takes the node.
    Tensor c = clone(x);
    ASSERT_EMBER_OK(ember_scatter(c, 0, idx2, y, EMBER_SCATTER_ADD, c, nullptr));
    EXPECT_EQ(grad_fn_name(c), "ScatterAddBackward0");
    ember_tensor entries[1] = {idx.get()};
    ASSERT_EMBER_OK(ember_index_put(c, entries, 1, v, true, c, nullptr));
    EXPECT_EQ(grad_fn_name(c), "IndexPutBackward0");
}

TEST(AutogradIndexing, IndexSelect) {
    Tensor x = rand_leaf({3, 4}, 3);
    Tensor dup = i64({5}, {2, 0, 0, 3, 2});
    check("dim 1, repeated indices", [&](const std::vector<Tensor> &in) { return one(sq(index_select(in[0], 1, dup))); }, {x});
    check("negative dim, transposed input", [&](const std::vector<Tensor> &in) {
        return one(sq(index_select(transposed(in[0]), -2, dup)));
    }, {x});
    Tensor i32 = make(EMBER_DTYPE_INT32, {2}, {1, 1});
    check("int32 index", [&](const std::vector<Tensor> &in) { return one(sq(index_select(in[0], 0, i32))); }, {x});
    Tensor scalar_index = i64({}, {2});
    check("0-dim index", [&](const std::vector<Tensor> &in) { return one(sq(index_select(in[0], 0, scalar_index))); }, {x});
    Tensor s = rand_leaf({}, 4);
    Tensor zero = i64({1}, {0});
    check("0-dim input", [&](const std::vector<Tensor> &in) { return one(sq(index_select(in[0], 0, zero))); }, {s});
    Tensor none = i64({0}, {});
    check("no index", [&](const std::vector<Tensor> &in) { return one(sq(index_select(in[0], 1, none))); }, {x});
    Tensor e = rand_leaf({0, 3}, 5);
    Tensor two = i64({2}, {0, 2});
    check("empty input", [&](const std::vector<Tensor> &in) { return one(sq(index_select(in[0], 1, two))); }, {e});

    // Values, as torch: index_select(1, [0, 0, 3]) of a 3x4 tensor, backward of ones.
    Tensor v = rand_leaf({3, 4}, 6);
    Tensor r = index_select(v, 1, i64({3}, {0, 0, 3}));
    EXPECT_EQ(grad_of(r, v), (std::vector<double>{2, 0, 0, 1, 2, 0, 0, 1, 2, 0, 0, 1}));
}

TEST(AutogradIndexing, GatherAndScatter) {
    Tensor x = rand_leaf({3, 4}, 7), src = rand_leaf({3, 5}, 8);
    Tensor idx = i64({2, 3}, {0, 2, 2, 1, 0, 2});  // repeated rows along dim 0
    check("gather dim 0", [&](const std::vector<Tensor> &in) { return one(sq(gather(in[0], 0, idx))); }, {x});
    check("gather negative dim of a transpose", [&](const std::vector<Tensor> &in) {
        return one(sq(gather(transposed(in[0]), -1, idx)));
    }, {x});
    Tensor s0 = rand_leaf({}, 9), i0 = i64({}, {0});
    check("gather 0-dim", [&](const std::vector<Tensor> &in) { return one(sq(gather(in[0], 0, i0))); }, {s0});
    Tensor iempty = i64({0, 3}, {});
    check("gather with an empty index", [&](const std::vector<Tensor> &in) { return one(sq(gather(in[0], 1, iempty))); }, {x});

    // scatter along dim 1 with distinct positions per row (assign is then well defined), src
    // larger than the index.
    Tensor sidx = i64({2, 3}, {3, 0, 1, 2, 1, 0});
    for (ember_scatter_reduce red : {EMBER_SCATTER_ASSIGN, EMBER_SCATTER_ADD}) {
        check("scatter", [&](const std::vector<Tensor> &in) { return one(sq(scatter(in[0], 1, sidx, in[1], red))); },
              {x, src});
        check("scatter, negative dim, transposed self", [&](const std::vector<Tensor> &in) {
            Tensor t = transposed(in[0]);
            Tensor tidx = transposed(sidx);
            Tensor tsrc = transposed(in[1]);
            return one(sq(scatter(t, -2, tidx, tsrc, red)));
        }, {x, src});
        check("scatter with an empty index", [&](const std::vector<Tensor> &in) {
            return one(sq(scatter(in[0], 0, iempty, in[1], red)));
        }, {x, src});
        Tensor s1 = rand_leaf({}, 10);
        check("scatter 0-dim", [&](const std::vector<Tensor> &in) { return one(sq(scatter(in[0], 0, i0, in[1], red))); },
              {s0, s1});
    }
    check("scatter_add with repeated positions", [&](const std::vector<Tensor> &in) {
        return one(sq(scatter(in[0], 0, idx, in[1], EMBER_SCATTER_ADD)));
    }, {x, src});
    // In place on a clone.
    for (ember_scatter_reduce red : {EMBER_SCATTER_ASSIGN, EMBER_SCATTER_ADD}) {
        check("scatter_", [&](const std::vector<Tensor> &in) {
            Tensor c = clone(in[0]);
            Tensor s = sq(in[1]);
            EXPECT_EMBER_OK(ember_scatter(c, 1, sidx, s, red, c, nullptr));
            return one(sq(c));
        }, {x, src});
    }

    // Values, as torch: x.scatter(1, idx, src) / scatter_add, backward of arange weights. src is
    // larger than the index: its unread elements get zeros (PyTorch 1.13 fails there instead).
    Tensor a = rand_leaf({2, 3}, 11), b = rand_leaf({2, 3}, 12);
    Tensor j = i64({2, 2}, {2, 0, 1, 1});
    Tensor r = scatter(a, 1, j, b, EMBER_SCATTER_ASSIGN);
    std::vector<double> w = {1, 2, 3, 4, 5, 6};
    EXPECT_EQ(grad_of(r, a, w), (std::vector<double>{0, 2, 0, 4, 0, 6}));
    EXPECT_EQ(grad_of(r, b, w), (std::vector<double>{3, 1, 0, 5, 5, 0}));
    r = scatter(a, 1, j, b, EMBER_SCATTER_ADD);
    EXPECT_EQ(grad_of(r, a, w), w);
    EXPECT_EQ(grad_of(r, b, w), (std::vector<double>{3, 1, 0, 5, 5, 0}));
    r = gather(a, 1, j);
    EXPECT_EQ(grad_of(r, a, {1, 2, 3, 4}), (std::vector<double>{2, 0, 1, 0, 7, 0}));
}

TEST(AutogradIndexing, OutArgumentsRefuseToRecord) {
    Tensor x = rand_leaf({2, 3}, 40), src = rand_leaf({2, 3}, 41);
    Tensor idx = i64({1, 2}, {1, 0});
    Tensor out = make(EMBER_DTYPE_FLOAT64, {2, 3}, {0, 0, 0, 0, 0, 0});
    EXPECT_EMBER_STATUS(EMBER_ERR_AUTOGRAD, ember_scatter(x, 0, idx, src, EMBER_SCATTER_ADD, out, nullptr));
    EXPECT_EQ(std::string(ember_last_error_message()).rfind("scatter_add(): functions with out=... arguments", 0), 0u)
        << ember_last_error_message();
    ember_tensor e[1] = {idx.get()};
    Tensor v = rand_leaf({2, 3}, 42);
    EXPECT_EMBER_STATUS(EMBER_ERR_AUTOGRAD, ember_index_put(x, e, 1, v, true, out, nullptr));
    // In place into a leaf that requires grad.
    EXPECT_EMBER_STATUS(EMBER_ERR_AUTOGRAD, ember_scatter(x, 0, idx, src, EMBER_SCATTER_ADD, x, nullptr));
    // With grad mode off, out= works.
    ember_set_grad_enabled(false);
    EXPECT_EMBER_OK(ember_scatter(x, 0, idx, src, EMBER_SCATTER_ADD, out, nullptr));
    ember_set_grad_enabled(true);
}

TEST(AutogradIndexing, ScatterMultiplyHasNoDerivative) {
    Tensor x = rand_leaf({2, 3}, 13), src = rand_leaf({2, 3}, 14);
    Tensor idx = i64({1, 2}, {1, 0});
    Tensor r = scatter(x, 0, idx, src, EMBER_SCATTER_MULTIPLY);
    bool rg = false;
    ASSERT_EMBER_OK(ember_requires_grad(r, &rg));
    EXPECT_TRUE(rg);  // as in PyTorch: the result requires grad, its backward fails
    Tensor g = make(EMBER_DTYPE_FLOAT64, {2, 3}, {1, 1, 1, 1, 1, 1});
    ember_tensor ys[1] = {r.get()}, gs[1] = {g.get()}, xs[1] = {x.get()}, out[1] = {nullptr};
    EXPECT_EMBER_STATUS(EMBER_ERR_UNSUPPORTED, ember_grad(ys, 1, gs, xs, 1, false, false, false, out));
    EXPECT_NE(std::string(ember_last_error_message()).find("derivative for aten::scatter is not implemented"),
              std::string::npos);
}

TEST(AutogradIndexing, AdvancedIndexing) {
    Tensor x = rand_leaf({3, 4, 2}, 15);
    Tensor i = i64({4}, {2, 0, 2, -1}), j = i64({2, 1}, {1, 3});
    check("one index, repeated and negative", [&](const std::vector<Tensor> &in) { return one(sq(index(in[0], {i}))); }, {x});
    check("slice then index", [&](const std::vector<Tensor> &in) { return one(sq(index(in[0], {nullptr, j}))); }, {x});
    check("broadcast indices, non-adjacent", [&](const std::vector<Tensor> &in) {
        Tensor r0 = i64({2, 1}, {1, 2}), k = i64({4}, {0, 1, 1, 0});
        return one(sq(index(in[0], {r0, nullptr, k})));
    }, {x});
    Tensor m = mask({3, 4}, {1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 1});
    check("mask", [&](const std::vector<Tensor> &in) { return one(sq(index(in[0], {m}))); }, {x});
    check("mask of a transpose", [&](const std::vector<Tensor> &in) {
        Tensor mt = mask({2, 4}, {1, 0, 0, 1, 1, 1, 0, 0});
        return one(sq(index(transposed(in[0], 0, 2), {mt})));
    }, {x});
    Tensor none = i64({0}, {});
    check("empty index", [&](const std::vector<Tensor> &in) { return one(sq(index(in[0], {none}))); }, {x});
    Tensor scalar = i64({}, {-2});
    check("0-dim index drops the dim", [&](const std::vector<Tensor> &in) {
        return one(sq(index(in[0], {nullptr, scalar})));
    }, {x});

    Tensor v = rand_leaf({3, 2}, 16);
    Tensor r = index(v, {i64({3}, {0, 2, 0})});
    EXPECT_EQ(grad_of(r, v, {1, 2, 3, 4, 5, 6}), (std::vector<double>{6, 8, 0, 0, 3, 4}));
}

TEST(AutogradIndexing, IndexPut) {
    Tensor x = rand_leaf({3, 4}, 17), vals = rand_leaf({2, 4}, 18), row = rand_leaf({4}, 19), s = rand_leaf({}, 20);
    Tensor cols = rand_leaf({3, 2}, 21);
    Tensor i = i64({2}, {2, 0}), dup = i64({3}, {1, 1, 2});
    for (bool acc : {false, true}) {
        check("index_put", [&](const std::vector<Tensor> &in) { return one(sq(index_put(in[0], {i}, in[1], acc))); },
              {x, vals});
        check("index_put of a broadcast row", [&](const std::vector<Tensor> &in) {
            return one(sq(index_put(in[0], {i}, in[1], acc)));
        }, {x, row});
        check("index_put of a 0-dim value through a mask", [&](const std::vector<Tensor> &in) {
            Tensor m = mask({3, 4}, {1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 1});
            return one(sq(index_put(transposed(transposed(in[0])), {m}, in[1], acc)));
        }, {x, s});
        check("index_put_ on a clone", [&](const std::vector<Tensor> &in) {
            Tensor c = clone(in[0]);
            Tensor v = sq(in[1]);
            ember_tensor e[2] = {nullptr, i.get()};
            EXPECT_EMBER_OK(ember_index_put(c, e, 2, v, acc, c, nullptr));
            return one(sq(c));
        }, {x, cols});
    }
    // In place into a view of a non-leaf: the base's history goes through index_put's node.
    check("index_put_ into a row of a clone", [&](const std::vector<Tensor> &in) {
        Tensor c = clone(in[0]), r;
        EXPECT_EMBER_OK(ember_select(c, 0, 1, r.put()));
        ember_tensor e[1] = {i.get()};
        Tensor v = sq(in[1]);
        EXPECT_EMBER_OK(ember_index_put(r, e, 1, v, false, r, nullptr));
        return std::vector<Tensor>{sq(c), sq(r)};
    }, {x, rand_leaf({2}, 22)});
    check("accumulate with repeated indices", [&](const std::vector<Tensor> &in) {
        return one(sq(index_put(in[0], {dup}, in[1], true)));
    }, {x, row});

    // Values, as torch: x.index_put((i,), v, accumulate) with repeated i = [1, 1, 2].
    Tensor a = rand_leaf({3, 2}, 23), b = rand_leaf({3, 2}, 24);
    std::vector<double> w = {1, 2, 3, 4, 5, 6};
    Tensor r = index_put(a, {dup}, b, false);
    EXPECT_EQ(grad_of(r, a, w), (std::vector<double>{1, 2, 0, 0, 0, 0}));
    EXPECT_EQ(grad_of(r, b, w), (std::vector<double>{3, 4, 3, 4, 5, 6}));
    r = index_put(a, {dup}, b, true);
    EXPECT_EQ(grad_of(r, a, w), w);
    EXPECT_EQ(grad_of(r, b, w), (std::vector<double>{3, 4, 3, 4, 5, 6}));
}

TEST(AutogradIndexing, MaskedSelectAndTake) {
    Tensor x = rand_leaf({3, 4}, 25), row = rand_leaf({4}, 26);
    Tensor m = mask({3, 4}, {1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 1}), mrow = mask({4}, {0, 1, 1, 0});
    auto masked_select = [](ember_tensor t, ember_tensor mk) {
        Tensor r;
        EXPECT_EMBER_OK(ember_masked_select(t, mk, r.put()));
        return r;
    };
    check("masked_select", [&](const std::vector<Tensor> &in) { return one(sq(masked_select(in[0], m))); }, {x});
    check("masked_select of a transpose", [&](const std::vector<Tensor> &in) {
        Tensor mt = mask({4, 3}, {1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 1});
        return one(sq(masked_select(transposed(in[0]), mt)));
    }, {x});
    check("masked_select, input broadcast", [&](const std::vector<Tensor> &in) { return one(sq(masked_select(in[0], m))); },
          {row});
    check("masked_select, mask broadcast", [&](const std::vector<Tensor> &in) { return one(sq(masked_select(in[0], mrow))); },
          {x});
    Tensor s = rand_leaf({}, 27), t = mask({}, {1});
    check("masked_select 0-dim", [&](const std::vector<Tensor> &in) { return one(sq(masked_select(in[0], t))); }, {s});

    auto take = [](ember_tensor t, ember_tensor index) {
        Tensor r;
        EXPECT_EMBER_OK(ember_take(t, index, r.put()));
        return r;
    };
    Tensor idx = i64({2, 3}, {0, -1, 5, 5, 11, 2});
    check("take", [&](const std::vector<Tensor> &in) { return one(sq(take(in[0], idx))); }, {x});
    check("take of a transpose", [&](const std::vector<Tensor> &in) { return one(sq(take(transposed(in[0]), idx))); }, {x});
    Tensor none = i64({0}, {});
    Tensor e = rand_leaf({0, 2}, 28);
    check("take nothing from an empty tensor", [&](const std::vector<Tensor> &in) { return one(sq(take(in[0], none))); }, {e});

    // Values, as torch: masked_select with the mask broadcast over rows; take with repeats.
    Tensor v = rand_leaf({4}, 29);
    Tensor r = masked_select(v, m);
    EXPECT_EQ(grad_of(r, v), (std::vector<double>{2, 1, 1, 2}));
    Tensor xv = rand_leaf({2, 2}, 30);
    r = take(xv, i64({3}, {3, -1, 0}));
    EXPECT_EQ(grad_of(r, xv, {1, 2, 3}), (std::vector<double>{3, 0, 0, 3}));
}

TEST(AutogradIndexing, SortAndTopk) {
    Tensor x = rand_leaf({3, 5}, 31);
    auto sort_values = [](ember_tensor t, int64_t dim, bool descending, bool stable) {
        Tensor v, i;
        EXPECT_EMBER_OK(ember_sort(t, dim, descending, stable, v.put(), i.put()));
        return v;
    };
    auto topk_values = [](ember_tensor t, int64_t k, int64_t dim, bool largest, bool sorted) {
        Tensor v, i;
        EXPECT_EMBER_OK(ember_topk(t, k, dim, largest, sorted, v.put(), i.put()));
        return v;
    };
    for (int64_t dim : {0, 1, -1}) {
        for (bool desc : {false, true}) {
            check("sort", [&](const std::vector<Tensor> &in) { return one(sq(sort_values(in[0], dim, desc, false))); }, {x});
            check("sort of a transpose", [&](const std::vector<Tensor> &in) {
                return one(sq(sort_values(transposed(in[0]), dim, desc, true)));
            }, {x});
            check("topk", [&](const std::vector<Tensor> &in) { return one(sq(topk_values(in[0], 2, dim, desc, true))); }, {x});
            check("topk unsorted", [&](const std::vector<Tensor> &in) {
                return one(sq(topk_values(transposed(in[0]), 3, dim, desc, false)));
            }, {x});
        }
    }
    Tensor s = rand_leaf({}, 32);
    check("sort 0-dim", [&](const std::vector<Tensor> &in) { return one(sq(sort_values(in[0], 0, false, false))); }, {s});
    check("topk 0-dim", [&](const std::vector<Tensor> &in) { return one(sq(topk_values(in[0], 1, -1, true, true))); }, {s});
    check("topk k = 0", [&](const std::vector<Tensor> &in) { return one(sq(topk_values(in[0], 0, 1, true, true))); }, {x});
    Tensor e = rand_leaf({0, 3}, 33);
    check("sort empty", [&](const std::vector<Tensor> &in) { return one(sq(sort_values(in[0], 1, false, false))); }, {e});

    // Values, as torch: ties go where the (stable) sort put them; NaN sorts last.
    Tensor t = make(EMBER_DTYPE_FLOAT64, {5}, {3, 1, NAN, 1, 2});
    ASSERT_EMBER_OK(ember_set_requires_grad(t, true));
    Tensor v = sort_values(t, 0, false, true);
    EXPECT_EQ(grad_of(v, t, {10, 20, 30, 40, 50}), (std::vector<double>{40, 10, 50, 20, 30}));
    v = topk_values(t, 2, 0, true, true);
    EXPECT_EQ(grad_of(v, t, {10, 20}), (std::vector<double>{20, 0, 10, 0, 0}));
}
