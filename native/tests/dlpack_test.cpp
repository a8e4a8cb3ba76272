// DLPack import and export through the C ABI: layouts, dtypes, strides, ownership and deleters.
// The structs come from the runtime's own layout header, whose static_asserts pin it to the spec.
#include <cstdlib>
#include <string>
#include <vector>

#include "../src/io/dlpack_abi.h"
#include "test_util.h"

using namespace ember_test;
namespace dl = ember::dlpack;

namespace {

// A producer the way another framework would write one: it owns shape, strides and data, and
// counts how often its deleter runs.
struct Producer {
    std::vector<int64_t> shape, strides;
    std::vector<float> data;
    dl::ManagedTensor managed{};
    dl::ManagedTensorVersioned versioned{};
    int deleted = 0;

    Producer(std::vector<int64_t> sizes, std::vector<int64_t> st, size_t n) : shape(std::move(sizes)), strides(std::move(st)), data(n) {
        for (size_t i = 0; i < n; ++i) data[i] = static_cast<float>(i);
        fill(managed.dl_tensor);
        managed.manager_ctx = this;
        managed.deleter = [](dl::ManagedTensor *self) { static_cast<Producer *>(self->manager_ctx)->deleted++; };
        fill(versioned.dl_tensor);
        versioned.version = {1, 0};
        versioned.manager_ctx = this;
        versioned.deleter = [](dl::ManagedTensorVersioned *self) { static_cast<Producer *>(self->manager_ctx)->deleted++; };
    }

    void fill(dl::DLTensor &t) {
        t.data = data.data();
        t.device = {dl::kCPU, 0};
        t.ndim = static_cast<int32_t>(shape.size());
        t.dtype = {dl::kFloat, 32, 1};
        t.shape = shape.data();
        t.strides = strides.empty() ? nullptr : strides.data();
        t.byte_offset = 0;
    }
};

}  // namespace

TEST(DLPack, ImportSharesMemoryAndCallsTheDeleterOnceAfterTheLastView) {
    Producer p({2, 3}, {}, 6);
    Tensor t;
    ASSERT_EMBER_OK(ember_from_dlpack(&p.managed, t.put()));
    EXPECT_EQ(sizes_of(t), (std::vector<int64_t>{2, 3}));
    EXPECT_EQ(strides_of(t), (std::vector<int64_t>{3, 1}));
    EXPECT_EQ(dtype_of(t), EMBER_DTYPE_FLOAT32);
    EXPECT_EQ(info_of(t).data, static_cast<void *>(p.data.data()));
    EXPECT_EQ(values_of(t), (std::vector<double>{0, 1, 2, 3, 4, 5}));

    // Writes go both ways: the memory is shared, not copied.
    ASSERT_EMBER_OK(ember_fill_(t, sfloat(7)));
    EXPECT_EQ(p.data[4], 7.0f);
    p.data[0] = -1;
    EXPECT_EQ(values_of(t)[0], -1.0);

    Tensor view;
    ASSERT_EMBER_OK(ember_transpose(t, 0, 1, view.put()));
    t.reset();
    EXPECT_EQ(p.deleted, 0);
    view.reset();
    EXPECT_EQ(p.deleted, 1);
}

TEST(DLPack, ImportHonoursStridesAndByteOffset) {
    // A 2x2 window starting at element 1 of a 3x4 buffer, every other column.
    Producer p({2, 2}, {4, 2}, 12);
    p.managed.dl_tensor.byte_offset = sizeof(float);
    Tensor t;
    ASSERT_EMBER_OK(ember_from_dlpack(&p.managed, t.put()));
    EXPECT_FALSE(info_of(t).is_contiguous);
    EXPECT_EQ(values_of(t), (std::vector<double>{1, 3, 5, 7}));
    t.reset();
    EXPECT_EQ(p.deleted, 1);
}

TEST(DLPack, ImportVersioned) {
    Producer p({4}, {}, 4);
    Tensor t;
    ASSERT_EMBER_OK(ember_from_dlpack_versioned(&p.versioned, t.put()));
    EXPECT_EQ(values_of(t), (std::vector<double>{0, 1, 2, 3}));
    t.reset();
    EXPECT_EQ(p.deleted, 1);
}

TEST(DLPack, ImportZeroDimAndEmpty) {
    Producer scalar({}, {}, 1);
    scalar.data[0] = 2.5f;
    Tensor s;
    ASSERT_EMBER_OK(ember_from_dlpack(&scalar.managed, s.put()));
    EXPECT_EQ(info_of(s).ndim, 0);
    EXPECT_EQ(values_of(s), (std::vector<double>{2.5}));

    Producer empty({0, 3}, {}, 0);
    empty.managed.dl_tensor.data = nullptr;
    Tensor e;
    ASSERT_EMBER_OK(ember_from_dlpack(&empty.managed, e.put()));
    EXPECT_EQ(info_of(e).numel, 0);
    s.reset();
    e.reset();
    EXPECT_EQ(scalar.deleted, 1);
    EXPECT_EQ(empty.deleted, 1);
}

TEST(DLPack, ImportMapsEveryDtype) {
    struct Case {
        uint8_t code, bits;
        ember_dtype expected;
    };
    const Case cases[] = {
        {dl::kFloat, 16, EMBER_DTYPE_FLOAT16}, {dl::kFloat, 32, EMBER_DTYPE_FLOAT32}, {dl::kFloat, 64, EMBER_DTYPE_FLOAT64},
        {dl::kBfloat, 16, EMBER_DTYPE_BFLOAT16}, {dl::kInt, 8, EMBER_DTYPE_INT8},   {dl::kInt, 16, EMBER_DTYPE_INT16},
        {dl::kInt, 32, EMBER_DTYPE_INT32},      {dl::kInt, 64, EMBER_DTYPE_INT64},   {dl::kUInt, 8, EMBER_DTYPE_UINT8},
        {dl::kBool, 8, EMBER_DTYPE_BOOL},
    };
    for (const Case &c : cases) {
        Producer p({2}, {}, 4);  // 16 bytes: enough for two of any dtype
        p.managed.dl_tensor.dtype = {c.code, c.bits, 1};
        Tensor t;
        ASSERT_EMBER_OK(ember_from_dlpack(&p.managed, t.put()));
        EXPECT_EQ(dtype_of(t), c.expected) << int(c.code) << "/" << int(c.bits);
        Tensor round;
        void *out = nullptr;
        ASSERT_EMBER_OK(ember_to_dlpack(t, &out));
        auto *m = static_cast<dl::ManagedTensor *>(out);
        EXPECT_EQ(m->dl_tensor.dtype.code, c.code);
        EXPECT_EQ(m->dl_tensor.dtype.bits, c.bits);
        EXPECT_EQ(m->dl_tensor.dtype.lanes, 1);
        m->deleter(m);
    }
}

TEST(DLPack, ImportRejectsBadInputAndLeavesOwnershipWithTheCaller) {
    Tensor t;
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_from_dlpack(nullptr, t.put()));
    {
        Producer p({2}, {}, 2);
        EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_from_dlpack(&p.managed, nullptr));
        EXPECT_EQ(p.deleted, 0);
    }
    auto rejects = [&](ember_status expected, auto mutate, const char *message_part) {
        Producer p({2, 2}, {}, 4);
        mutate(p);
        EXPECT_EMBER_STATUS(expected, ember_from_dlpack(&p.managed, t.put()));
        EXPECT_NE(std::string(ember_last_error_message()).find(message_part), std::string::npos)
            << ember_last_error_message();
        EXPECT_EQ(p.deleted, 0) << "a failed import must not call the producer's deleter";
    };
    rejects(EMBER_ERR_DTYPE, [](Producer &p) { p.managed.dl_tensor.dtype = {dl::kComplex, 64, 1}; }, "complex");
    rejects(EMBER_ERR_DTYPE, [](Producer &p) { p.managed.dl_tensor.dtype = {dl::kUInt, 16, 1}; }, "uint16");
    rejects(EMBER_ERR_DTYPE, [](Producer &p) { p.managed.dl_tensor.dtype = {dl::kFloat, 32, 4}; }, "lanes=4");
    rejects(EMBER_ERR_DEVICE, [](Producer &p) { p.managed.dl_tensor.device = {dl::kMetal, 0}; }, "kDLMetal");
    rejects(EMBER_ERR_DEVICE, [](Producer &p) { p.managed.dl_tensor.device = {dl::kCUDA, 0}; }, "cuda");
    rejects(EMBER_ERR_INVALID_ARGUMENT, [](Producer &p) { p.managed.dl_tensor.ndim = -1; }, "ndim");
    rejects(EMBER_ERR_INVALID_ARGUMENT, [](Producer &p) { p.managed.dl_tensor.ndim = 1000; }, "ndim");
    rejects(EMBER_ERR_INVALID_ARGUMENT, [](Producer &p) { p.managed.dl_tensor.shape = nullptr; }, "shape is NULL");
    rejects(EMBER_ERR_SHAPE, [](Producer &p) { p.shape[1] = -3; }, "negative dimension");
    rejects(EMBER_ERR_INVALID_ARGUMENT, [](Producer &p) { p.managed.dl_tensor.data = nullptr; }, "NULL");
    rejects(EMBER_ERR_INVALID_ARGUMENT, [](Producer &p) {
        p.strides = {-2, 1};
        p.managed.dl_tensor.strides = p.strides.data();
    }, "negative stride");
}

TEST(DLPack, VersionedImportRejectsReadOnlyAndUnknownMajorVersions) {
    Tensor t;
    Producer ro({2}, {}, 2);
    ro.versioned.flags = dl::kFlagReadOnly;
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_from_dlpack_versioned(&ro.versioned, t.put()));
    EXPECT_NE(std::string(ember_last_error_message()).find("read-only"), std::string::npos);
    Producer future({2}, {}, 2);
    future.versioned.version = {2, 0};
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_from_dlpack_versioned(&future.versioned, t.put()));
    EXPECT_NE(std::string(ember_last_error_message()).find("2.0"), std::string::npos);
    EXPECT_EQ(ro.deleted + future.deleted, 0);
}

TEST(DLPack, ExportDescribesTheTensorAndOutlivesIt) {
    const ember_allocator_stats start = cpu_stats();
    Tensor base = make_f32({3, 4}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
    Tensor view;  // column 1 onwards, transposed: offset 1, strides {1, 4}
    ASSERT_EMBER_OK(ember_narrow(base, 1, 1, 3, view.put()));
    Tensor t;
    ASSERT_EMBER_OK(ember_transpose(view, 0, 1, t.put()));
    view.reset();
    base.reset();

    ember_allocator_stats before = cpu_stats();
    void *out = nullptr;
    ASSERT_EMBER_OK(ember_to_dlpack(t, &out));
    auto *m = static_cast<dl::ManagedTensor *>(out);
    const dl::DLTensor &d = m->dl_tensor;
    EXPECT_EQ(d.device.device_type, dl::kCPU);
    EXPECT_EQ(d.device.device_id, 0);
    ASSERT_EQ(d.ndim, 2);
    EXPECT_EQ(d.shape[0], 3);
    EXPECT_EQ(d.shape[1], 3);
    EXPECT_EQ(d.strides[0], 1);
    EXPECT_EQ(d.strides[1], 4);
    EXPECT_EQ(d.byte_offset, 0u);
    EXPECT_EQ(d.data, info_of(t).data);
    const float *data = static_cast<const float *>(d.data);
    EXPECT_EQ(data[0], 1.0f);
    EXPECT_EQ(data[1 * 1 + 2 * 4], 10.0f);  // element [1][2] = base[2][2]

    // Dropping every Ember handle leaves the memory to the consumer until it calls the deleter.
    t.reset();
    EXPECT_EQ(cpu_stats().live_tensors, before.live_tensors);
    EXPECT_EQ(data[0], 1.0f);
    m->deleter(m);
    EXPECT_EQ(cpu_stats().live_tensors, start.live_tensors);
    EXPECT_EQ(cpu_stats().bytes_in_use, start.bytes_in_use);
}

TEST(DLPack, VersionedExportAndRoundTrip) {
    Tensor t = make(EMBER_DTYPE_INT64, {}, {42});
    void *out = nullptr;
    ASSERT_EMBER_OK(ember_to_dlpack_versioned(t, &out));
    auto *m = static_cast<dl::ManagedTensorVersioned *>(out);
    EXPECT_EQ(m->version.major, 1u);
    EXPECT_EQ(m->version.minor, 0u);
    EXPECT_EQ(m->flags, 0u);
    EXPECT_EQ(m->dl_tensor.ndim, 0);
    EXPECT_NE(m->dl_tensor.shape, nullptr);

    // Importing our own export wraps the same memory; the export is freed with the new tensor.
    Tensor back;
    ASSERT_EMBER_OK(ember_from_dlpack_versioned(m, back.put()));
    EXPECT_EQ(info_of(back).data, info_of(t).data);
    EXPECT_EQ(int64s_of(back), (std::vector<int64_t>{42}));
    ember_allocator_stats before = cpu_stats();
    t.reset();
    EXPECT_EQ(cpu_stats().bytes_in_use, before.bytes_in_use);  // still held by the export inside back
    back.reset();
    EXPECT_EQ(cpu_stats().bytes_in_use, before.bytes_in_use - 8);
}

TEST(DLPack, ExportRefusesTensorsThatRequireGrad) {
    Tensor t = make_f32({2}, {1, 2});
    ASSERT_EMBER_OK(ember_set_requires_grad(t, true));
    void *out = nullptr;
    EXPECT_EMBER_STATUS(EMBER_ERR_AUTOGRAD, ember_to_dlpack(t, &out));
    EXPECT_NE(std::string(ember_last_error_message()).find("detach"), std::string::npos);
    EXPECT_EQ(out, nullptr);
    Tensor detached;
    ASSERT_EMBER_OK(ember_detach(t, detached.put()));
    ASSERT_EMBER_OK(ember_to_dlpack(detached, &out));
    static_cast<dl::ManagedTensor *>(out)->deleter(static_cast<dl::ManagedTensor *>(out));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_to_dlpack(nullptr, &out));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_to_dlpack(t, nullptr));
}
