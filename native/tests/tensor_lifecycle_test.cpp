// Handles, references, metadata, external memory and error reporting, through the C ABI.
#include <atomic>
#include <string>
#include <thread>

#include "test_util.h"

using namespace ember_test;

namespace {

struct Deleted {
    std::atomic<int> calls{0};
    void *data = nullptr;
};

void count_delete(void *data, void *user) {
    auto *d = static_cast<Deleted *>(user);
    d->data = data;
    d->calls.fetch_add(1);
}

}  // namespace

TEST(Lifecycle, RetainReleaseKeepsTensorAlive) {
    ember_allocator_stats before = cpu_stats();
    int64_t sizes[] = {4, 5};
    ember_tensor t = nullptr;
    ASSERT_EMBER_OK(ember_ones(sizes, 2, EMBER_DTYPE_FLOAT64, kCpu, &t));
    EXPECT_EQ(cpu_stats().live_tensors, before.live_tensors + 1);
    EXPECT_GE(cpu_stats().bytes_in_use, before.bytes_in_use + 4 * 5 * 8);
    for (int i = 0; i < 3; ++i) ASSERT_EMBER_OK(ember_tensor_retain(t));
    for (int i = 0; i < 3; ++i) ember_tensor_release(t);
    // still alive: one reference left
    EXPECT_EQ(values_of(t), std::vector<double>(20, 1.0));
    ember_tensor_release(t);
    EXPECT_EQ(cpu_stats().live_tensors, before.live_tensors);
    EXPECT_EQ(cpu_stats().bytes_in_use, before.bytes_in_use);
}

TEST(Lifecycle, ReleaseNullIsANoOpAndRetainNullFails) {
    ember_tensor_release(nullptr);
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_tensor_retain(nullptr));
    EXPECT_NE(std::string(ember_last_error_message()), "");
}

TEST(Lifecycle, InfoAndShape) {
    Tensor t = make(EMBER_DTYPE_INT16, {2, 3, 4}, std::vector<double>(24, 2.0));
    ember_tensor_info info = info_of(t);
    EXPECT_EQ(info.dtype, EMBER_DTYPE_INT16);
    EXPECT_EQ(info.device.type, EMBER_DEVICE_CPU);
    EXPECT_EQ(info.ndim, 3);
    EXPECT_EQ(info.numel, 24);
    EXPECT_EQ(info.element_size, 2);
    EXPECT_EQ(info.storage_offset, 0);
    EXPECT_TRUE(info.is_contiguous);
    EXPECT_NE(info.data, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(info.data) % 64, 0u) << "CPU memory is 64-byte aligned";
    EXPECT_EQ(sizes_of(t), (std::vector<int64_t>{2, 3, 4}));
    EXPECT_EQ(strides_of(t), (std::vector<int64_t>{12, 4, 1}));
    int64_t small[2];
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_tensor_get_shape(t, small, small, 2));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_tensor_get_info(nullptr, &info));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_tensor_get_info(t, nullptr));
}

TEST(Lifecycle, ZeroDimAndEmptyTensors) {
    Tensor s;
    ASSERT_EMBER_OK(ember_scalar_tensor(sint(-7), EMBER_DTYPE_INT8, kCpu, s.put()));
    ember_tensor_info info = info_of(s);
    EXPECT_EQ(info.ndim, 0);
    EXPECT_EQ(info.numel, 1);
    EXPECT_TRUE(info.is_contiguous);
    ember_scalar v{};
    ASSERT_EMBER_OK(ember_item(s, &v));
    EXPECT_EQ(v.kind, EMBER_SCALAR_INT);
    EXPECT_EQ(v.i, -7);

    int64_t sizes[] = {3, 0, 2};
    Tensor e;
    ASSERT_EMBER_OK(ember_empty(sizes, 3, EMBER_DTYPE_FLOAT32, kCpu, e.put()));
    info = info_of(e);
    EXPECT_EQ(info.numel, 0);
    EXPECT_EQ(info.ndim, 3);
    EXPECT_EMBER_OK(ember_copy_to_buffer(e, nullptr, 0));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_item(e, &v));
}

TEST(Lifecycle, ItemKinds) {
    struct Case {
        ember_dtype dtype;
        double value;
        ember_scalar_kind kind;
    } cases[] = {{EMBER_DTYPE_FLOAT16, 1.5, EMBER_SCALAR_FLOAT}, {EMBER_DTYPE_BFLOAT16, -2.0, EMBER_SCALAR_FLOAT},
                 {EMBER_DTYPE_UINT8, 200, EMBER_SCALAR_INT},    {EMBER_DTYPE_BOOL, 1, EMBER_SCALAR_BOOL},
                 {EMBER_DTYPE_INT64, -5, EMBER_SCALAR_INT},     {EMBER_DTYPE_FLOAT64, 0.1, EMBER_SCALAR_FLOAT}};
    for (const Case &c : cases) {
        Tensor t = make(c.dtype, {1}, {c.value});
        ember_scalar v{};
        ASSERT_EMBER_OK(ember_item(t, &v));
        EXPECT_EQ(v.kind, c.kind) << dtype_name(c.dtype);
        double got = v.kind == EMBER_SCALAR_FLOAT ? v.f : static_cast<double>(v.i);
        EXPECT_EQ(got, c.value) << dtype_name(c.dtype);
    }
    // int64 values beyond 2^53 come back exactly
    int64_t big = (int64_t{1} << 62) + 1;
    Tensor t;
    ASSERT_EMBER_OK(ember_scalar_tensor(sint(big), EMBER_DTYPE_INT64, kCpu, t.put()));
    ember_scalar v{};
    ASSERT_EMBER_OK(ember_item(t, &v));
    EXPECT_EQ(v.i, big);
}

TEST(Lifecycle, CopyToBufferChecksSize) {
    Tensor t = make_f32({2, 2}, {1, 2, 3, 4});
    float buf[4];
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_copy_to_buffer(t, buf, 12));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_copy_to_buffer(t, nullptr, 16));
    ASSERT_EMBER_OK(ember_copy_to_buffer(t, buf, 16));
    EXPECT_EQ(buf[3], 4.0f);
}

TEST(Lifecycle, FromDataCopies) {
    std::vector<int32_t> data = {1, 2, 3};
    int64_t n = 3;
    Tensor t;
    ASSERT_EMBER_OK(ember_from_data(data.data(), 12, &n, 1, EMBER_DTYPE_INT32, t.put()));
    data[0] = 99;
    EXPECT_EQ(values_of(t), (std::vector<double>{1, 2, 3}));
    EXPECT_NE(info_of(t).data, static_cast<void *>(data.data()));
    Tensor u;
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_from_data(data.data(), 8, &n, 1, EMBER_DTYPE_INT32, u.put()));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT,
                        ember_from_data(data.data(), 12, &n, 1, EMBER_DTYPE_UNDEFINED, u.put()));
}

TEST(Lifecycle, FromBlobDeleterRunsOnceWhenTheLastUserGoes) {
    Deleted d;
    alignas(64) static float memory[6] = {1, 2, 3, 4, 5, 6};
    int64_t sizes[] = {2, 3};
    ember_tensor t = nullptr;
    ASSERT_EMBER_OK(ember_from_blob(memory, sizes, nullptr, 2, EMBER_DTYPE_FLOAT32, kCpu, count_delete, &d, &t));
    EXPECT_EQ(info_of(t).data, static_cast<void *>(memory));
    ember_allocator_stats st = cpu_stats();

    // A second handle sharing the memory: contiguous() of a contiguous tensor is the tensor.
    ember_tensor same = nullptr;
    ASSERT_EMBER_OK(ember_contiguous(t, &same));
    bool shares = false;
    ASSERT_EMBER_OK(ember_tensor_shares_storage(t, same, &shares));
    EXPECT_TRUE(shares);
    ember_tensor_release(t);
    EXPECT_EQ(d.calls.load(), 0);

    // Writing through the handle reaches the caller's memory.
    ASSERT_EMBER_OK(ember_fill_(same, sfloat(0.5)));
    EXPECT_EQ(memory[5], 0.5f);
    // The external memory is not counted as allocator bytes.
    EXPECT_EQ(cpu_stats().bytes_in_use, st.bytes_in_use);

    ember_tensor_release(same);
    EXPECT_EQ(d.calls.load(), 1);
    EXPECT_EQ(d.data, static_cast<void *>(memory));
}

TEST(Lifecycle, FromBlobWithStridesAndNoDeleter) {
    static double memory[12];
    for (int i = 0; i < 12; ++i) memory[i] = i;
    int64_t sizes[] = {3, 2}, strides[] = {4, 2};  // every other element of the first 3 rows of 4
    Tensor t;
    ASSERT_EMBER_OK(ember_from_blob(memory, sizes, strides, 2, EMBER_DTYPE_FLOAT64, kCpu, nullptr, nullptr, t.put()));
    EXPECT_FALSE(info_of(t).is_contiguous);
    EXPECT_EQ(strides_of(t), (std::vector<int64_t>{4, 2}));
    EXPECT_EQ(values_of(t), (std::vector<double>{0, 2, 4, 6, 8, 10}));
    int64_t neg[] = {-1, 1};
    Tensor u;
    EXPECT_NE(ember_from_blob(memory, sizes, neg, 2, EMBER_DTYPE_FLOAT64, kCpu, nullptr, nullptr, u.put()), EMBER_OK);
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT,
                        ember_from_blob(nullptr, sizes, nullptr, 2, EMBER_DTYPE_FLOAT64, kCpu, nullptr, nullptr, u.put()));
}

TEST(Lifecycle, ViewsKeepExternalMemoryAlive) {
    EMBER_REQUIRE(ember_transpose);
    Deleted d;
    static float memory[6] = {1, 2, 3, 4, 5, 6};
    int64_t sizes[] = {2, 3};
    ember_tensor t = nullptr, v = nullptr;
    ASSERT_EMBER_OK(ember_from_blob(memory, sizes, nullptr, 2, EMBER_DTYPE_FLOAT32, kCpu, count_delete, &d, &t));
    ASSERT_EMBER_OK(ember_transpose(t, 0, 1, &v));
    ember_tensor_release(t);
    EXPECT_EQ(d.calls.load(), 0);
    EXPECT_EQ(values_of(v), (std::vector<double>{1, 4, 2, 5, 3, 6}));
    ember_tensor_release(v);
    EXPECT_EQ(d.calls.load(), 1);
}

TEST(Lifecycle, SharesStorage) {
    Tensor a = make_f32({4}, {1, 2, 3, 4});
    Tensor b = make_f32({4}, {1, 2, 3, 4});
    bool shares = true;
    ASSERT_EMBER_OK(ember_tensor_shares_storage(a, b, &shares));
    EXPECT_FALSE(shares);
    ASSERT_EMBER_OK(ember_tensor_shares_storage(a, a, &shares));
    EXPECT_TRUE(shares);
    Tensor c;
    ASSERT_EMBER_OK(ember_clone(a, c.put()));
    ASSERT_EMBER_OK(ember_tensor_shares_storage(a, c, &shares));
    EXPECT_FALSE(shares);
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_tensor_shares_storage(a, nullptr, &shares));
}

TEST(Errors, OutParametersUntouchedOnFailure) {
    Tensor a = make_f32({3}, {1, 2, 3});
    Tensor b = make_f32({4}, {1, 2, 3, 4});
    ember_tensor sentinel = reinterpret_cast<ember_tensor>(static_cast<uintptr_t>(0x1234));
    ember_tensor r = sentinel;
    EXPECT_EMBER_STATUS(EMBER_ERR_SHAPE, ember_binary(EMBER_BINARY_ADD, a, b, nullptr, &r));
    EXPECT_EQ(r, sentinel);
    ember_tensor_info info{};
    info.ndim = 77;
    EXPECT_NE(ember_tensor_get_info(nullptr, &info), EMBER_OK);
    EXPECT_EQ(info.ndim, 77);
    ember_scalar s{EMBER_SCALAR_INT, 42, 0.0};
    EXPECT_NE(ember_item(b, &s), EMBER_OK);
    EXPECT_EQ(s.i, 42);
}

TEST(Errors, MessagesArePerThread) {
    Tensor a = make_f32({3}, {1, 2, 3});
    Tensor b = make_f32({4}, {1, 2, 3, 4});
    Tensor r;
    ASSERT_EQ(ember_binary(EMBER_BINARY_ADD, a, b, nullptr, r.put()), EMBER_ERR_SHAPE);
    std::string main_message = ember_last_error_message();
    EXPECT_NE(main_message.find("must match"), std::string::npos) << main_message;
    std::string other;
    std::thread th([&] {
        other = ember_last_error_message();  // nothing failed on this thread yet
        ember_set_num_threads(0);
        other += "|";
        other += ember_last_error_message();
    });
    th.join();
    EXPECT_EQ(other.substr(0, 1), "|") << "a new thread starts with an empty message";
    EXPECT_NE(other.find("at least 1"), std::string::npos) << other;
    EXPECT_EQ(std::string(ember_last_error_message()), main_message) << "another thread's failure leaves ours alone";
}

TEST(Errors, InvalidEnumsAndNulls) {
    Tensor a = make_f32({3}, {1, 2, 3});
    Tensor r;
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_unary(static_cast<ember_unary_op>(-1), a, nullptr, r.put()));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT,
                        ember_unary(EMBER_UNARY_OP_COUNT, a, nullptr, r.put()));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT,
                        ember_binary(static_cast<ember_binary_op>(EMBER_BINARY_OP_COUNT), a, a, nullptr, r.put()));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_unary(EMBER_UNARY_EXP, nullptr, nullptr, r.put()));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_unary(EMBER_UNARY_EXP, a, nullptr, nullptr));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_cast(a, static_cast<ember_dtype>(10), r.put()));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_cast(a, EMBER_DTYPE_UNDEFINED, r.put()));
    int64_t sizes[] = {2};
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_zeros(nullptr, 1, EMBER_DTYPE_FLOAT32, kCpu, r.put()));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_zeros(sizes, 1, EMBER_DTYPE_FLOAT32, kCpu, nullptr));
    ember_device bad{static_cast<ember_device_type>(9), 0};
    EXPECT_NE(ember_zeros(sizes, 1, EMBER_DTYPE_FLOAT32, bad, r.put()), EMBER_OK);
}

TEST(Runtime, VersionIsaThreadsAndLog) {
    EXPECT_EQ(ember_version(), static_cast<uint32_t>(EMBER_ABI_VERSION));
    std::string isa = ember_cpu_isa();
    EXPECT_TRUE(isa == "baseline" || isa == "avx2" || isa == "avx512") << isa;
    int32_t n = ember_get_num_threads();
    EXPECT_GE(n, 1);
    ASSERT_EMBER_OK(ember_set_num_threads(2));
    EXPECT_EQ(ember_get_num_threads(), 2);
    ASSERT_EMBER_OK(ember_set_num_threads(n));
    EXPECT_EMBER_STATUS(EMBER_ERR_INVALID_ARGUMENT, ember_set_num_threads(-3));

    struct Log {
        std::vector<std::pair<ember_log_level, std::string>> lines;
    } log;
    auto cb = [](ember_log_level level, const char *message, void *user) {
        static_cast<Log *>(user)->lines.emplace_back(level, message);
    };
    ASSERT_EMBER_OK(ember_set_log_callback(cb, &log, EMBER_LOG_DEBUG));
    ASSERT_FALSE(log.lines.empty());
    EXPECT_NE(log.lines[0].second.find(isa), std::string::npos) << log.lines[0].second;
    ASSERT_EMBER_OK(ember_set_log_callback(nullptr, nullptr, EMBER_LOG_NONE));
    size_t count = log.lines.size();
    ASSERT_EMBER_OK(ember_set_log_callback(nullptr, nullptr, EMBER_LOG_TRACE));
    EXPECT_EQ(log.lines.size(), count);
    // Lines below the minimum level are filtered: attaching at ERROR shows no INFO line.
    Log quiet;
    ASSERT_EMBER_OK(ember_set_log_callback(cb, &quiet, EMBER_LOG_ERROR));
    for (auto &l : quiet.lines) EXPECT_GE(l.first, EMBER_LOG_ERROR) << l.second;
    ASSERT_EMBER_OK(ember_set_log_callback(nullptr, nullptr, EMBER_LOG_NONE));
}
