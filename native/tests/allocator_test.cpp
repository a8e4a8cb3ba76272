// CPU allocator statistics seen through the C ABI.
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "test_util.h"

using namespace ember_test;

TEST(Allocator, StatsFollowAllocations) {
    ember_allocator_stats s0 = cpu_stats();
    int64_t sizes[] = {1000};
    std::vector<Tensor> ts;
    for (int i = 0; i < 5; ++i) {
        Tensor t;
        ASSERT_EMBER_OK(ember_zeros(sizes, 1, EMBER_DTYPE_FLOAT64, kCpu, t.put()));
        ts.push_back(std::move(t));
    }
    ember_allocator_stats s1 = cpu_stats();
    EXPECT_EQ(s1.live_tensors, s0.live_tensors + 5);
    // size classes round up by at most 25%
    EXPECT_GE(s1.bytes_in_use - s0.bytes_in_use, 5 * 8000);
    EXPECT_LE(s1.bytes_in_use - s0.bytes_in_use, 5 * 10000);
    EXPECT_GE(s1.peak_bytes_in_use, s1.bytes_in_use);
    EXPECT_GE(s1.allocations, s0.allocations + 5);
    ts.clear();
    ember_allocator_stats s2 = cpu_stats();
    EXPECT_EQ(s2.live_tensors, s0.live_tensors);
    EXPECT_EQ(s2.bytes_in_use, s0.bytes_in_use);
    EXPECT_GE(s2.peak_bytes_in_use, s1.bytes_in_use);
}

TEST(Allocator, CacheReusesAndEmptyCacheReleases) {
    ASSERT_EMBER_OK(ember_empty_cache(kCpu));
    EXPECT_EQ(cpu_stats().cached_bytes, 0);
    int64_t sizes[] = {4096};
    {
        Tensor t;
        ASSERT_EMBER_OK(ember_empty(sizes, 1, EMBER_DTYPE_FLOAT32, kCpu, t.put()));
    }
    ember_allocator_stats s = cpu_stats();
    EXPECT_GE(s.cached_bytes, 4096 * 4) << "a freed block is kept for reuse";
    {
        Tensor t;
        ASSERT_EMBER_OK(ember_empty(sizes, 1, EMBER_DTYPE_FLOAT32, kCpu, t.put()));
        EXPECT_LT(cpu_stats().cached_bytes, s.cached_bytes) << "the cached block was reused";
    }
    ASSERT_EMBER_OK(ember_empty_cache(kCpu));
    EXPECT_EQ(cpu_stats().cached_bytes, 0);
}

TEST(Allocator, ResetPeak) {
    int64_t sizes[] = {1 << 16};
    {
        Tensor t;
        ASSERT_EMBER_OK(ember_empty(sizes, 1, EMBER_DTYPE_FLOAT64, kCpu, t.put()));
        EXPECT_GE(cpu_stats().peak_bytes_in_use, (int64_t{1} << 16) * 8);
    }
    ASSERT_EMBER_OK(ember_reset_peak_stats(kCpu));
    ember_allocator_stats s = cpu_stats();
    EXPECT_EQ(s.peak_bytes_in_use, s.bytes_in_use);
}

TEST(Allocator, OpsReleaseTheirTemporaries) {
    // Mixed dtypes, broadcasting, out= of another dtype and non-contiguous inputs make
    // TensorIterator allocate temporaries; none may outlive the call.
    ember_allocator_stats s0 = cpu_stats();
    {
        Tensor a = make(EMBER_DTYPE_INT32, {3, 1}, {1, 2, 3});
        Tensor b = make(EMBER_DTYPE_FLOAT16, {4}, {0.5, 1, 2, 4});
        Tensor r, out;
        ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_MUL, a, b, nullptr, r.put()));
        int64_t sizes[] = {3, 4};
        ASSERT_EMBER_OK(ember_zeros(sizes, 2, EMBER_DTYPE_FLOAT64, kCpu, out.put()));
        ASSERT_EMBER_OK(ember_binary(EMBER_BINARY_ADD, a, b, out, nullptr));
        Tensor p;
        ASSERT_EMBER_OK(ember_binary_scalar(EMBER_BINARY_POW, b, sfloat(2.0), false, nullptr, p.put()));
        Tensor c;
        ASSERT_EMBER_OK(ember_cast(out, EMBER_DTYPE_BFLOAT16, c.put()));
        EXPECT_EQ(cpu_stats().live_tensors, s0.live_tensors + 6);
        // failing calls release what they allocated
        Tensor bad;
        Tensor d = make(EMBER_DTYPE_FLOAT32, {2, 5}, std::vector<double>(10, 1.0));  // [3,1] vs [2,5]
        EXPECT_NE(ember_binary(EMBER_BINARY_ADD, a, d, nullptr, bad.put()), EMBER_OK);
        Tensor iout;
        ASSERT_EMBER_OK(ember_zeros(sizes, 2, EMBER_DTYPE_INT64, kCpu, iout.put()));
        EXPECT_NE(ember_binary(EMBER_BINARY_ADD, a, b, iout, nullptr), EMBER_OK);
    }
    ember_allocator_stats s1 = cpu_stats();
    EXPECT_EQ(s1.live_tensors, s0.live_tensors);
    EXPECT_EQ(s1.bytes_in_use, s0.bytes_in_use);
}

// Tensors of at most 256 bytes keep their elements in the storage's own block (core/storage.cpp):
// still 64-byte aligned, counted in bytes_in_use, and never in the allocator's cache.
TEST(Allocator, SmallTensorsKeepAlignedInlineElements) {
    ASSERT_EMBER_OK(ember_empty_cache(kCpu));
    for (int64_t n : {int64_t{0}, int64_t{1}, int64_t{7}, int64_t{64}, int64_t{65}, int64_t{1000}}) {
        ember_allocator_stats s0 = cpu_stats();
        {
            Tensor t;
            int64_t sizes[] = {n};
            ASSERT_EMBER_OK(ember_full(sizes, 1, ember_scalar{EMBER_SCALAR_FLOAT, 0, 1.5}, EMBER_DTYPE_FLOAT32, kCpu, t.put()));
            ember_tensor_info info{};
            ASSERT_EMBER_OK(ember_tensor_get_info(t.get(), &info));
            EXPECT_EQ(reinterpret_cast<uintptr_t>(info.data) % 64, 0u) << n << " elements";
            EXPECT_EQ(cpu_stats().bytes_in_use - s0.bytes_in_use, n * 4) << n << " elements";
            const float *p = static_cast<const float *>(info.data);
            for (int64_t i = 0; i < n; ++i) ASSERT_EQ(p[i], 1.5f);
        }
        ember_allocator_stats s1 = cpu_stats();
        EXPECT_EQ(s1.bytes_in_use, s0.bytes_in_use) << n << " elements";
        if (n * 4 <= 256) EXPECT_EQ(s1.cached_bytes, s0.cached_bytes) << "inline elements are not cached: " << n;
        else EXPECT_GT(s1.cached_bytes, s0.cached_bytes) << "an allocator block is cached: " << n;
    }
    ASSERT_EMBER_OK(ember_empty_cache(kCpu));
}

// Blocks of 2 MiB and more start on a 2 MiB boundary (core/allocator.cpp), so that
// transparent huge pages can back them; EMBER_CPU_HUGE_PAGES=0 keeps the 64-byte alignment.
TEST(Allocator, LargeBlocksAreHugePageAligned) {
#ifdef __linux__
    const char *env = std::getenv("EMBER_CPU_HUGE_PAGES");
    const bool huge = !(env && std::string(env) == "0");
    for (int64_t n : {int64_t{1} << 19, (int64_t{3} << 20) / 4 + 5}) {  // exactly 2 MiB; 3 MiB + 20 bytes
        Tensor t;
        ASSERT_EMBER_OK(ember_full(&n, 1, ember_scalar{EMBER_SCALAR_FLOAT, 0, 2.5}, EMBER_DTYPE_FLOAT32, kCpu, t.put()));
        ember_tensor_info info{};
        ASSERT_EMBER_OK(ember_tensor_get_info(t.get(), &info));
        const uintptr_t address = reinterpret_cast<uintptr_t>(info.data);
        EXPECT_EQ(address % (huge ? uintptr_t{2} << 20 : 64), 0u) << n << " elements";
        const float *p = static_cast<const float *>(info.data);
        EXPECT_EQ(p[0], 2.5f);
        EXPECT_EQ(p[n - 1], 2.5f);
    }
#else
    GTEST_SKIP() << "huge pages are a Linux feature here";
#endif
}

// The per-thread block caches (core/small_alloc.cpp): tensors made on one thread may be released
// on another, and threads that exit give their cached blocks back.
TEST(Allocator, TensorsMadeOnOneThreadReleasedOnAnother) {
    ember_allocator_stats s0 = cpu_stats();
    std::vector<Tensor> made(2000);
    std::thread maker([&] {
        int64_t sizes[] = {3};
        for (Tensor &t : made) ASSERT_EMBER_OK(ember_ones(sizes, 1, EMBER_DTYPE_FLOAT32, kCpu, t.put()));
    });
    maker.join();
    EXPECT_EQ(cpu_stats().live_tensors, s0.live_tensors + 2000);
    std::thread releaser([&] {
        made.clear();
        int64_t sizes[] = {5};
        for (int i = 0; i < 100; ++i) {  // reuses the blocks it now caches, then exits with them
            Tensor t;
            ASSERT_EMBER_OK(ember_ones(sizes, 1, EMBER_DTYPE_FLOAT64, kCpu, t.put()));
        }
    });
    releaser.join();
    ember_allocator_stats s1 = cpu_stats();
    EXPECT_EQ(s1.live_tensors, s0.live_tensors);
    EXPECT_EQ(s1.bytes_in_use, s0.bytes_in_use);
}

// Each thread counts its live tensors in its own slots (core/allocator.h): a read sums the
// threads still running, and a thread's count survives its exit.
TEST(Allocator, LiveTensorCountsSumOverRunningThreads) {
    const int64_t before = cpu_stats().live_tensors;
    std::atomic<int> made{0};
    std::atomic<bool> done{false};
    std::vector<std::thread> threads;
    std::vector<Tensor> kept(4);
    for (int k = 0; k < 4; ++k)
        threads.emplace_back([&, k] {
            int64_t sizes[] = {2};
            std::vector<Tensor> held(10);
            for (Tensor &t : held) ASSERT_EMBER_OK(ember_zeros(sizes, 1, EMBER_DTYPE_FLOAT32, kCpu, t.put()));
            ASSERT_EMBER_OK(ember_zeros(sizes, 1, EMBER_DTYPE_FLOAT32, kCpu, kept[static_cast<size_t>(k)].put()));
            made.fetch_add(1);
            while (!done.load()) std::this_thread::yield();
        });
    while (made.load() < 4) std::this_thread::yield();
    EXPECT_EQ(cpu_stats().live_tensors, before + 44);
    done.store(true);
    for (std::thread &t : threads) t.join();
    EXPECT_EQ(cpu_stats().live_tensors, before + 4) << "the kept tensors outlive their threads";
    kept.clear();
    EXPECT_EQ(cpu_stats().live_tensors, before);
}
