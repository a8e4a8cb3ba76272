// Random numbers: determinism, independence from the thread count, generator state, ranges and
// rough distribution checks.
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "test_util.h"

using namespace ember_test;

namespace {

class ThreadGuard {
public:
    ThreadGuard() : saved_(ember_get_num_threads()) {}
    ~ThreadGuard() { ember_set_num_threads(saved_); }

private:
    int32_t saved_;
};

struct Gen {
    ember_generator g = nullptr;
    explicit Gen(uint64_t seed) { EXPECT_EQ(ember_generator_create(seed, &g), EMBER_OK) << ember_last_error_message(); }
    ~Gen() { ember_generator_release(g); }
};

// Fills a large tensor (several parallel chunks) with each random op and returns the bytes.
std::vector<std::vector<unsigned char>> draw_everything(uint64_t seed) {
    std::vector<std::vector<unsigned char>> out;
    Gen gen(seed);
    int64_t sizes[] = {300001};
    Tensor t;
    EXPECT_EQ(ember_rand(sizes, 1, EMBER_DTYPE_FLOAT32, kCpu, gen.g, t.put()), EMBER_OK);
    out.push_back(bytes_of(t));
    EXPECT_EQ(ember_randn(sizes, 1, EMBER_DTYPE_FLOAT64, kCpu, gen.g, t.put()), EMBER_OK);
    out.push_back(bytes_of(t));
    EXPECT_EQ(ember_randint(-5, 1000, sizes, 1, EMBER_DTYPE_INT32, kCpu, gen.g, t.put()), EMBER_OK);
    out.push_back(bytes_of(t));
    EXPECT_EQ(ember_normal(2.0, 0.5, sizes, 1, EMBER_DTYPE_BFLOAT16, kCpu, gen.g, t.put()), EMBER_OK);
    out.push_back(bytes_of(t));
    EXPECT_EQ(ember_empty(sizes, 1, EMBER_DTYPE_FLOAT16, kCpu, t.put()), EMBER_OK);
    EXPECT_EQ(ember_uniform_(t, -3.0, 3.0, gen.g), EMBER_OK);
    out.push_back(bytes_of(t));
    EXPECT_EQ(ember_normal_(t, 0.0, 1.0, gen.g), EMBER_OK);
    out.push_back(bytes_of(t));
    EXPECT_EQ(ember_bernoulli_(t, 0.3, gen.g), EMBER_OK);
    out.push_back(bytes_of(t));
    EXPECT_EQ(ember_empty(sizes, 1, EMBER_DTYPE_INT64, kCpu, t.put()), EMBER_OK);
    EXPECT_EQ(ember_random_(t, 0, 1 << 30, gen.g), EMBER_OK);
    out.push_back(bytes_of(t));
    Tensor p;
    EXPECT_EQ(ember_full(sizes, 1, sfloat(0.75), EMBER_DTYPE_FLOAT32, kCpu, p.put()), EMBER_OK);
    EXPECT_EQ(ember_bernoulli(p, gen.g, t.put()), EMBER_OK);
    out.push_back(bytes_of(t));
    return out;
}

// "" when equal, otherwise where the first difference is (element index for element size es).
std::string difference(const std::vector<unsigned char> &a, const std::vector<unsigned char> &b, size_t es) {
    if (a.size() != b.size()) return "sizes differ";
    size_t count = 0, first = 0;
    for (size_t i = 0; i < a.size(); i += es)
        if (std::memcmp(&a[i], &b[i], es) != 0) {
            if (count++ == 0) first = i / es;
        }
    if (!count) return "";
    return std::to_string(count) + " elements differ, the first at index " + std::to_string(first);
}

double mean_of(const std::vector<double> &v) {
    double s = 0;
    for (double x : v) s += x;
    return s / static_cast<double>(v.size());
}

double std_of(const std::vector<double> &v) {
    double m = mean_of(v), s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return std::sqrt(s / static_cast<double>(v.size() - 1));
}

}  // namespace

TEST(Random, ThreadCountIndependence) {
    EMBER_REQUIRE(ember_generator_create);
    EMBER_REQUIRE(ember_rand);
    EMBER_REQUIRE(ember_randn);
    EMBER_REQUIRE(ember_randint);
    EMBER_REQUIRE(ember_normal);
    EMBER_REQUIRE(ember_uniform_);
    EMBER_REQUIRE(ember_normal_);
    EMBER_REQUIRE(ember_bernoulli_);
    EMBER_REQUIRE(ember_random_);
    EMBER_REQUIRE(ember_bernoulli);
    ThreadGuard guard;
    ASSERT_EMBER_OK(ember_set_num_threads(1));
    auto one = draw_everything(1234);
    ASSERT_EMBER_OK(ember_set_num_threads(2));
    auto two = draw_everything(1234);
    ASSERT_EMBER_OK(ember_set_num_threads(3));
    auto three = draw_everything(1234);
    ASSERT_EQ(one.size(), two.size());
    const char *names[] = {"rand", "randn", "randint", "normal", "uniform_", "normal_", "bernoulli_", "random_",
                           "bernoulli"};
    const size_t sizes[] = {4, 8, 4, 2, 2, 2, 2, 8, 4};  // element sizes of the draws above
    for (size_t i = 0; i < one.size(); ++i) {
        EXPECT_EQ(difference(one[i], two[i], sizes[i]), "") << names[i] << ": 1 vs 2 threads";
        EXPECT_EQ(difference(one[i], three[i], sizes[i]), "") << names[i] << ": 1 vs 3 threads";
    }
    auto other = draw_everything(1235);
    EXPECT_NE(one[0], other[0]) << "another seed gives other numbers";
}

TEST(Random, DefaultGeneratorSeeding) {
    EMBER_REQUIRE(ember_manual_seed);
    EMBER_REQUIRE(ember_randn);
    int64_t sizes[] = {1000};
    Tensor a, b, c;
    ASSERT_EMBER_OK(ember_manual_seed(42));
    ASSERT_EMBER_OK(ember_randn(sizes, 1, EMBER_DTYPE_UNDEFINED, kCpu, nullptr, a.put()));
    ASSERT_EMBER_OK(ember_randn(sizes, 1, EMBER_DTYPE_UNDEFINED, kCpu, nullptr, c.put()));
    ASSERT_EMBER_OK(ember_manual_seed(42));
    ASSERT_EMBER_OK(ember_randn(sizes, 1, EMBER_DTYPE_UNDEFINED, kCpu, nullptr, b.put()));
    EXPECT_EQ(bytes_of(a), bytes_of(b)) << "the same seed repeats the sequence";
    EXPECT_NE(bytes_of(a), bytes_of(c)) << "consecutive draws differ";
}

TEST(Random, GeneratorStateRoundTrip) {
    EMBER_REQUIRE(ember_generator_create);
    EMBER_REQUIRE(ember_generator_get_state);
    EMBER_REQUIRE(ember_generator_set_state);
    EMBER_REQUIRE(ember_rand);
    Gen gen(7);
    uint64_t seed = 0, offset = 0;
    ASSERT_EMBER_OK(ember_generator_get_state(gen.g, &seed, &offset));
    EXPECT_EQ(seed, 7u);
    int64_t sizes[] = {513};
    Tensor a, b;
    ASSERT_EMBER_OK(ember_rand(sizes, 1, EMBER_DTYPE_FLOAT32, kCpu, gen.g, a.put()));
    uint64_t seed2 = 0, offset2 = 0;
    ASSERT_EMBER_OK(ember_generator_get_state(gen.g, &seed2, &offset2));
    EXPECT_EQ(seed2, 7u);
    EXPECT_GT(offset2, offset) << "drawing advances the offset";
    ASSERT_EMBER_OK(ember_generator_set_state(gen.g, seed, offset));
    ASSERT_EMBER_OK(ember_rand(sizes, 1, EMBER_DTYPE_FLOAT32, kCpu, gen.g, b.put()));
    EXPECT_EQ(bytes_of(a), bytes_of(b)) << "restoring the state replays the draw";
    ember_generator_release(nullptr);  // a no-op
}

TEST(Random, RangesAndMoments) {
    EMBER_REQUIRE(ember_generator_create);
    EMBER_REQUIRE(ember_uniform_);
    EMBER_REQUIRE(ember_normal);
    EMBER_REQUIRE(ember_randint);
    EMBER_REQUIRE(ember_bernoulli_);
    Gen gen(99);
    const int64_t n = 200000;
    int64_t sizes[] = {n};
    Tensor t;
    ASSERT_EMBER_OK(ember_empty(sizes, 1, EMBER_DTYPE_FLOAT64, kCpu, t.put()));
    ASSERT_EMBER_OK(ember_uniform_(t, -2.0, 6.0, gen.g));
    std::vector<double> v = values_of(t);
    for (double x : v) {
        ASSERT_GE(x, -2.0);
        ASSERT_LT(x, 6.0);
    }
    EXPECT_NEAR(mean_of(v), 2.0, 0.05);
    EXPECT_NEAR(std_of(v), 8.0 / std::sqrt(12.0), 0.05);
    ASSERT_EMBER_OK(ember_normal(3.0, 2.0, sizes, 1, EMBER_DTYPE_FLOAT32, kCpu, gen.g, t.put()));
    v = values_of(t);
    EXPECT_NEAR(mean_of(v), 3.0, 0.05);
    EXPECT_NEAR(std_of(v), 2.0, 0.05);
    ASSERT_EMBER_OK(ember_randint(-3, 3, sizes, 1, EMBER_DTYPE_INT8, kCpu, gen.g, t.put()));
    v = values_of(t);
    std::vector<int> counts(6, 0);
    for (double x : v) {
        ASSERT_GE(x, -3);
        ASSERT_LT(x, 3);
        ++counts[static_cast<size_t>(x + 3)];
    }
    for (int c : counts) EXPECT_NEAR(c, n / 6.0, n / 6.0 * 0.05);
    ASSERT_EMBER_OK(ember_empty(sizes, 1, EMBER_DTYPE_BOOL, kCpu, t.put()));
    ASSERT_EMBER_OK(ember_bernoulli_(t, 0.25, gen.g));
    EXPECT_NEAR(mean_of(values_of(t)), 0.25, 0.01);
    // uniform in float16 and bfloat16 stays below the upper bound after rounding
    for (ember_dtype d : {EMBER_DTYPE_FLOAT16, EMBER_DTYPE_BFLOAT16}) {
        ASSERT_EMBER_OK(ember_empty(sizes, 1, d, kCpu, t.put()));
        ASSERT_EMBER_OK(ember_uniform_(t, 0.0, 1.0, gen.g));
        for (double x : values_of(t)) {
            ASSERT_GE(x, 0.0) << dtype_name(d);
            ASSERT_LT(x, 1.0) << dtype_name(d);
        }
    }
}

TEST(Random, Errors) {
    EMBER_REQUIRE(ember_uniform_);
    EMBER_REQUIRE(ember_randint);
    EMBER_REQUIRE(ember_normal_);
    int64_t sizes[] = {4};
    Tensor i, t;
    ASSERT_EMBER_OK(ember_zeros(sizes, 1, EMBER_DTYPE_INT32, kCpu, i.put()));
    EXPECT_EMBER_STATUS(EMBER_ERR_DTYPE, ember_uniform_(i, 0.0, 1.0, nullptr));
    EXPECT_EMBER_STATUS(EMBER_ERR_DTYPE, ember_normal_(i, 0.0, 1.0, nullptr));
    EXPECT_NE(ember_randint(5, 5, sizes, 1, EMBER_DTYPE_UNDEFINED, kCpu, nullptr, t.put()), EMBER_OK);
    Tensor f;
    ASSERT_EMBER_OK(ember_zeros(sizes, 1, EMBER_DTYPE_FLOAT32, kCpu, f.put()));
    EXPECT_NE(ember_normal_(f, 0.0, -1.0, nullptr), EMBER_OK) << "a negative std is refused";
    EXPECT_NE(ember_uniform_(f, 2.0, 1.0, nullptr), EMBER_OK) << "low > high is refused";
}
