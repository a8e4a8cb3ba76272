/*
 * c_api_test.c - a pure C11 program that uses the runtime through ember.h only.
 *
 * It proves that the header compiles as C (-std=c11 -pedantic -Werror) and that a C host can
 * create tensors, run elementwise ops (broadcasting, in place, out=), read errors, manage
 * references and external memory, and watch the allocator and the log. Exit status: 0 when every
 * check passed, 1 otherwise (each failure is printed with its line).
 */
#include <ember/ember.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

static int g_failures = 0;
static int g_checks = 0;

#define CHECK(cond, ...)                                                                  \
    do {                                                                                  \
        ++g_checks;                                                                       \
        if (!(cond)) {                                                                    \
            fprintf(stderr, "c_api_test.c:%d: check failed: %s: ", __LINE__, #cond);      \
            fprintf(stderr, __VA_ARGS__);                                                 \
            fputc('\n', stderr);                                                          \
            ++g_failures;                                                                 \
        }                                                                                 \
    } while (0)

/* Runs an ember call that must succeed; prints the status and message otherwise. */
#define CHECK_OK(call)                                                                    \
    do {                                                                                  \
        ember_status st_ = (call);                                                        \
        ++g_checks;                                                                       \
        if (st_ != EMBER_OK) {                                                            \
            fprintf(stderr, "c_api_test.c:%d: %s failed with status %d: %s\n", __LINE__,  \
                    #call, (int)st_, ember_last_error_message());                         \
            ++g_failures;                                                                 \
        }                                                                                 \
    } while (0)

static const ember_device kCpu = {EMBER_DEVICE_CPU, 0};

static ember_scalar scalar_int(int64_t v) {
    ember_scalar s;
    s.kind = EMBER_SCALAR_INT;
    s.i = v;
    s.f = 0.0;
    return s;
}

static ember_scalar scalar_float(double v) {
    ember_scalar s;
    s.kind = EMBER_SCALAR_FLOAT;
    s.i = 0;
    s.f = v;
    return s;
}

static ember_scalar scalar_bool(bool v) {
    ember_scalar s;
    s.kind = EMBER_SCALAR_BOOL;
    s.i = v ? 1 : 0;
    s.f = 0.0;
    return s;
}

static ember_dtype dtype_of(ember_tensor t) {
    ember_tensor_info info;
    memset(&info, 0, sizeof info);
    if (ember_tensor_get_info(t, &info) != EMBER_OK) return EMBER_DTYPE_UNDEFINED;
    return info.dtype;
}

static int64_t numel_of(ember_tensor t) {
    ember_tensor_info info;
    memset(&info, 0, sizeof info);
    if (ember_tensor_get_info(t, &info) != EMBER_OK) return -1;
    return info.numel;
}

/* Reads a float32 tensor of at most 64 elements; returns the count or -1. */
static int read_f32(ember_tensor t, float *dst, int capacity) {
    int64_t n = numel_of(t);
    if (n < 0 || n > capacity || dtype_of(t) != EMBER_DTYPE_FLOAT32) return -1;
    if (ember_copy_to_buffer(t, dst, (size_t)n * sizeof(float)) != EMBER_OK) return -1;
    return (int)n;
}

static ember_tensor from_f32(const float *data, const int64_t *sizes, size_t ndim) {
    ember_tensor t = NULL;
    size_t n = 1, i;
    for (i = 0; i < ndim; ++i) n *= (size_t)sizes[i];
    CHECK_OK(ember_from_data(data, n * sizeof(float), sizes, ndim, EMBER_DTYPE_FLOAT32, &t));
    return t;
}

/* ------------------------------------------------------------------------------------------ */

static void test_runtime(void) {
    const char *isa = ember_cpu_isa();
    CHECK(ember_version() == EMBER_ABI_VERSION, "ember_version() = %u", (unsigned)ember_version());
    CHECK(isa != NULL && (strcmp(isa, "baseline") == 0 || strcmp(isa, "avx2") == 0 || strcmp(isa, "avx512") == 0),
          "ember_cpu_isa() = %s", isa ? isa : "(null)");
    CHECK(ember_last_error_message() != NULL, "the last error message is never NULL");
    CHECK(ember_get_num_threads() >= 1, "threads = %d", (int)ember_get_num_threads());
    CHECK(ember_set_num_threads(0) == EMBER_ERR_INVALID_ARGUMENT, "0 threads must be refused");
    CHECK(strlen(ember_last_error_message()) > 0, "a failure leaves a message");
}

typedef struct log_record {
    int lines;
    int info_lines;
    char first[256];
} log_record;

static void on_log(ember_log_level level, const char *message, void *user_data) {
    log_record *r = (log_record *)user_data;
    if (r->lines == 0 && message) {
        strncpy(r->first, message, sizeof r->first - 1);
        r->first[sizeof r->first - 1] = '\0';
    }
    ++r->lines;
    if (level == EMBER_LOG_INFO) ++r->info_lines;
}

static void test_logging(void) {
    log_record rec;
    memset(&rec, 0, sizeof rec);
    CHECK_OK(ember_set_log_callback(on_log, &rec, EMBER_LOG_TRACE));
    CHECK(rec.lines >= 1, "attaching a logger logs the runtime's configuration (%d lines)", rec.lines);
    CHECK(strlen(rec.first) > 0, "the log line is not empty");
    CHECK(strstr(rec.first, ember_cpu_isa()) != NULL, "the first line names the CPU kernel set: '%s'", rec.first);
    CHECK(ember_set_log_callback(on_log, &rec, (ember_log_level)42) == EMBER_ERR_INVALID_ARGUMENT,
          "an invalid level is refused");
    CHECK_OK(ember_set_log_callback(NULL, NULL, EMBER_LOG_NONE));
    {
        int before = rec.lines;
        int64_t n = 2;
        ember_tensor t = NULL;
        CHECK(ember_zeros(&n, 1, (ember_dtype)99, kCpu, &t) != EMBER_OK, "an invalid dtype fails");
        CHECK(rec.lines == before, "no callback after detaching (%d lines)", rec.lines - before);
    }
}

static void test_creation(void) {
    int64_t sizes[2] = {2, 3};
    float buf[64];
    ember_tensor t = NULL;
    int i, n;

    CHECK_OK(ember_zeros(sizes, 2, EMBER_DTYPE_UNDEFINED, kCpu, &t));
    CHECK(dtype_of(t) == EMBER_DTYPE_FLOAT32, "zeros defaults to float32");
    n = read_f32(t, buf, 64);
    CHECK(n == 6, "zeros has 6 elements (%d)", n);
    for (i = 0; i < n; ++i) CHECK(buf[i] == 0.0f, "zeros[%d] = %g", i, (double)buf[i]);
    ember_tensor_release(t);

    /* full infers its dtype from the scalar's kind, as torch.full */
    CHECK_OK(ember_full(sizes, 2, scalar_int(7), EMBER_DTYPE_UNDEFINED, kCpu, &t));
    CHECK(dtype_of(t) == EMBER_DTYPE_INT64, "full(int) is int64 (%d)", (int)dtype_of(t));
    {
        int64_t v[6];
        CHECK_OK(ember_copy_to_buffer(t, v, sizeof v));
        for (i = 0; i < 6; ++i) CHECK(v[i] == 7, "full value %lld", (long long)v[i]);
    }
    ember_tensor_release(t);
    CHECK_OK(ember_full(sizes, 2, scalar_float(2.5), EMBER_DTYPE_UNDEFINED, kCpu, &t));
    CHECK(dtype_of(t) == EMBER_DTYPE_FLOAT32, "full(float) is float32");
    ember_tensor_release(t);
    CHECK_OK(ember_full(sizes, 2, scalar_bool(true), EMBER_DTYPE_UNDEFINED, kCpu, &t));
    CHECK(dtype_of(t) == EMBER_DTYPE_BOOL, "full(bool) is bool");
    ember_tensor_release(t);

    /* arange: int64 for integer arguments */
    CHECK_OK(ember_arange(scalar_int(0), scalar_int(5), scalar_int(2), EMBER_DTYPE_UNDEFINED, kCpu, &t));
    {
        int64_t v[3] = {-1, -1, -1};
        CHECK(dtype_of(t) == EMBER_DTYPE_INT64 && numel_of(t) == 3, "arange(0, 5, 2) is int64 of 3");
        CHECK_OK(ember_copy_to_buffer(t, v, sizeof v));
        CHECK(v[0] == 0 && v[1] == 2 && v[2] == 4, "arange values %lld %lld %lld", (long long)v[0],
              (long long)v[1], (long long)v[2]);
    }
    ember_tensor_release(t);

    CHECK_OK(ember_linspace(0.0, 1.0, 5, EMBER_DTYPE_UNDEFINED, kCpu, &t));
    n = read_f32(t, buf, 64);
    CHECK(n == 5 && buf[0] == 0.0f && buf[2] == 0.5f && buf[4] == 1.0f, "linspace(0, 1, 5)");
    ember_tensor_release(t);

    CHECK_OK(ember_eye(2, 3, EMBER_DTYPE_FLOAT32, kCpu, &t));
    n = read_f32(t, buf, 64);
    CHECK(n == 6 && buf[0] == 1.0f && buf[1] == 0.0f && buf[4] == 1.0f && buf[5] == 0.0f, "eye(2, 3)");
    ember_tensor_release(t);

    /* the out-pointer is left untouched on failure */
    t = (ember_tensor)&sizes; /* a sentinel that must survive */
    {
        int64_t bad[2] = {2, -1};
        ember_status st = ember_zeros(bad, 2, EMBER_DTYPE_FLOAT32, kCpu, &t);
        CHECK(st != EMBER_OK, "a negative size is refused");
        CHECK(t == (ember_tensor)&sizes, "out untouched on failure");
        st = ember_zeros(sizes, 2, (ember_dtype)77, kCpu, &t);
        CHECK(st == EMBER_ERR_INVALID_ARGUMENT, "an invalid dtype value gives INVALID_ARGUMENT (%d)", (int)st);
        CHECK(t == (ember_tensor)&sizes, "out untouched on failure");
        st = ember_zeros(sizes, 2, EMBER_DTYPE_FLOAT32, kCpu, NULL);
        CHECK(st == EMBER_ERR_INVALID_ARGUMENT, "a NULL out pointer gives INVALID_ARGUMENT (%d)", (int)st);
    }
    {
        float two[2] = {1.0f, 2.0f};
        int64_t three = 3;
        ember_status st = ember_from_data(two, sizeof two, &three, 1, EMBER_DTYPE_FLOAT32, &t);
        CHECK(st == EMBER_ERR_INVALID_ARGUMENT, "from_data with a buffer of the wrong size (%d)", (int)st);
    }
}

static void test_elementwise(void) {
    float a_data[6] = {1, 2, 3, 4, 5, 6};
    float b_data[3] = {10, 20, 30};
    int64_t sa[2] = {2, 3}, sb[1] = {3}, s4[1] = {4};
    float buf[64];
    ember_tensor a = from_f32(a_data, sa, 2);
    ember_tensor b = from_f32(b_data, sb, 1);
    ember_tensor r = NULL, out = NULL;
    int i, n;

    /* broadcasting [2,3] + [3] */
    CHECK_OK(ember_binary(EMBER_BINARY_ADD, a, b, NULL, &r));
    n = read_f32(r, buf, 64);
    CHECK(n == 6, "broadcast result has 6 elements (%d)", n);
    for (i = 0; i < n; ++i)
        CHECK(buf[i] == a_data[i] + b_data[i % 3], "add[%d] = %g", i, (double)buf[i]);
    ember_tensor_release(r);

    /* unary */
    CHECK_OK(ember_unary(EMBER_UNARY_SQRT, b, NULL, &r));
    n = read_f32(r, buf, 64);
    for (i = 0; i < n; ++i)
        CHECK(fabs(buf[i] - sqrt(b_data[i])) < 1e-5, "sqrt[%d] = %g", i, (double)buf[i]);
    ember_tensor_release(r);

    /* a wrapped scalar promotes like a Python number: int tensor * 2.5 is float32 */
    {
        int32_t iv[3] = {1, -2, 3};
        ember_tensor it = NULL;
        CHECK_OK(ember_from_data(iv, sizeof iv, sb, 1, EMBER_DTYPE_INT32, &it));
        CHECK_OK(ember_binary_scalar(EMBER_BINARY_MUL, it, scalar_float(2.5), false, NULL, &r));
        CHECK(dtype_of(r) == EMBER_DTYPE_FLOAT32, "int32 * 2.5 is float32 (%d)", (int)dtype_of(r));
        n = read_f32(r, buf, 64);
        CHECK(n == 3 && buf[0] == 2.5f && buf[1] == -5.0f && buf[2] == 7.5f, "int32 * 2.5 values");
        ember_tensor_release(r);
        /* scalar first: 1 - x */
        CHECK_OK(ember_binary_scalar(EMBER_BINARY_SUB, it, scalar_int(1), true, NULL, &r));
        CHECK(dtype_of(r) == EMBER_DTYPE_INT32, "1 - int32 stays int32");
        {
            int32_t v[3];
            CHECK_OK(ember_copy_to_buffer(r, v, sizeof v));
            CHECK(v[0] == 0 && v[1] == 3 && v[2] == -2, "1 - x values %d %d %d", v[0], v[1], v[2]);
        }
        ember_tensor_release(r);
        ember_tensor_release(it);
    }

    /* in place: a += b (out = a); result may be NULL */
    CHECK_OK(ember_binary(EMBER_BINARY_ADD, a, b, a, NULL));
    n = read_f32(a, buf, 64);
    for (i = 0; i < n; ++i)
        CHECK(buf[i] == a_data[i] + b_data[i % 3], "in-place add[%d] = %g", i, (double)buf[i]);
    /* in place with a result: a new reference to out itself */
    CHECK_OK(ember_unary(EMBER_UNARY_NEG, a, a, &r));
    {
        bool shares = false;
        CHECK_OK(ember_tensor_shares_storage(a, r, &shares));
        CHECK(shares, "the in-place result is the out tensor");
    }
    ember_tensor_release(r);
    n = read_f32(a, buf, 64);
    CHECK(n == 6 && buf[0] == -11.0f, "in-place neg: %g", (double)buf[0]);

    /* out= of a wider dtype is allowed; a narrower kind is not */
    CHECK_OK(ember_empty(sa, 2, EMBER_DTYPE_FLOAT64, kCpu, &out));
    CHECK_OK(ember_binary(EMBER_BINARY_MUL, a, b, out, &r));
    {
        double v[6];
        CHECK_OK(ember_copy_to_buffer(out, v, sizeof v));
        CHECK(v[0] == -110.0 && v[5] == -(6.0 + 30.0) * 30.0, "float32 result into a float64 out: %g %g", v[0], v[5]);
    }
    ember_tensor_release(r);
    ember_tensor_release(out);
    CHECK_OK(ember_zeros(sa, 2, EMBER_DTYPE_INT64, kCpu, &out));
    r = (ember_tensor)&out;
    {
        ember_status st = ember_binary(EMBER_BINARY_ADD, a, b, out, &r);
        CHECK(st == EMBER_ERR_DTYPE, "float result into an int64 out gives EMBER_ERR_DTYPE (%d)", (int)st);
        CHECK(strstr(ember_last_error_message(), "can't be cast") != NULL, "message: %s", ember_last_error_message());
        CHECK(r == (ember_tensor)&out, "result untouched on failure");
    }
    ember_tensor_release(out);

    /* errors */
    {
        float f4[4] = {0, 0, 0, 0};
        ember_tensor c = from_f32(f4, s4, 1);
        ember_status st = ember_binary(EMBER_BINARY_ADD, b, c, NULL, &r);
        CHECK(st == EMBER_ERR_SHAPE, "[3] + [4] gives EMBER_ERR_SHAPE (%d)", (int)st);
        CHECK(strstr(ember_last_error_message(), "must match") != NULL, "message: %s", ember_last_error_message());
        st = ember_binary(EMBER_BINARY_ADD, NULL, c, NULL, &r);
        CHECK(st == EMBER_ERR_INVALID_ARGUMENT, "a NULL input gives INVALID_ARGUMENT (%d)", (int)st);
        st = ember_binary(EMBER_BINARY_ADD, b, b, NULL, NULL);
        CHECK(st == EMBER_ERR_INVALID_ARGUMENT, "no out and no result pointer (%d)", (int)st);
        st = ember_unary((ember_unary_op)999, b, NULL, &r);
        CHECK(st == EMBER_ERR_INVALID_ARGUMENT, "an invalid op value (%d)", (int)st);
        st = ember_binary(EMBER_BINARY_BITWISE_AND, b, b, NULL, &r);
        CHECK(st == EMBER_ERR_DTYPE, "bitwise_and of floats gives EMBER_ERR_DTYPE (%d)", (int)st);
        ember_tensor_release(c);
    }

    /* non-contiguous input through from_blob strides: the transpose of a 2x3 buffer */
    {
        float raw[6] = {1, 2, 3, 4, 5, 6};
        int64_t sizes[2] = {3, 2}, strides[2] = {1, 3};
        ember_tensor tt = NULL;
        ember_tensor_info info;
        CHECK_OK(ember_from_blob(raw, sizes, strides, 2, EMBER_DTYPE_FLOAT32, kCpu, NULL, NULL, &tt));
        CHECK_OK(ember_tensor_get_info(tt, &info));
        CHECK(!info.is_contiguous, "a transposed blob is not contiguous");
        CHECK_OK(ember_unary(EMBER_UNARY_NEG, tt, NULL, &r));
        n = read_f32(r, buf, 64);
        CHECK(n == 6 && buf[0] == -1 && buf[1] == -4 && buf[2] == -2 && buf[5] == -6, "neg of a transposed view");
        ember_tensor_release(r);
        ember_tensor_release(tt);
    }

    ember_tensor_release(a);
    ember_tensor_release(b);
}

typedef struct blob_state {
    int deleted;
    void *seen;
} blob_state;

static void on_delete(void *data, void *user_data) {
    blob_state *s = (blob_state *)user_data;
    ++s->deleted;
    s->seen = data;
}

static void test_references_and_blobs(void) {
    static double memory[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    blob_state state = {0, NULL};
    int64_t sizes[2] = {2, 4};
    ember_tensor t = NULL, same = NULL, r = NULL;
    ember_tensor_info info;

    CHECK_OK(ember_from_blob(memory, sizes, NULL, 2, EMBER_DTYPE_FLOAT64, kCpu, on_delete, &state, &t));
    CHECK_OK(ember_tensor_get_info(t, &info));
    CHECK(info.data == (void *)memory, "from_blob does not copy");
    CHECK(info.is_contiguous && info.numel == 8 && info.element_size == 8, "blob info");

    /* retain/release */
    CHECK_OK(ember_tensor_retain(t));
    ember_tensor_release(t);
    CHECK(state.deleted == 0, "still referenced after one of two releases");

    /* an op writing into the blob */
    CHECK_OK(ember_binary_scalar(EMBER_BINARY_MUL, t, scalar_int(2), false, t, NULL));
    CHECK(memory[3] == 8.0, "in-place write reaches the caller's memory (%g)", memory[3]);

    /* contiguous() of a contiguous tensor is the tensor itself: another reference to the blob */
    CHECK_OK(ember_contiguous(t, &same));
    ember_tensor_release(t);
    CHECK(state.deleted == 0, "the second reference keeps the memory alive");
    CHECK_OK(ember_unary(EMBER_UNARY_ABS, same, NULL, &r));
    ember_tensor_release(same);
    CHECK(state.deleted == 1, "the deleter ran once the last reference went (%d)", state.deleted);
    CHECK(state.seen == (void *)memory, "the deleter got the data pointer");
    ember_tensor_release(r);
    CHECK(state.deleted == 1, "the deleter ran exactly once (%d)", state.deleted);

    ember_tensor_release(NULL); /* a no-op */
    CHECK(ember_tensor_retain(NULL) == EMBER_ERR_INVALID_ARGUMENT, "retain(NULL) is refused");

    /* item and shape queries */
    CHECK_OK(ember_scalar_tensor(scalar_float(0.25), EMBER_DTYPE_FLOAT64, kCpu, &t));
    {
        ember_scalar s;
        int64_t dims[1];
        CHECK_OK(ember_item(t, &s));
        CHECK(s.kind == EMBER_SCALAR_FLOAT && s.f == 0.25, "item of a 0-dim float64");
        CHECK_OK(ember_tensor_get_shape(t, dims, dims, 0)); /* rank 0: capacity 0 is enough */
    }
    ember_tensor_release(t);
    CHECK_OK(ember_zeros(sizes, 2, EMBER_DTYPE_INT16, kCpu, &t));
    {
        int64_t sz[2] = {0, 0}, st[2] = {0, 0};
        ember_scalar s;
        CHECK(ember_tensor_get_shape(t, sz, st, 1) == EMBER_ERR_INVALID_ARGUMENT, "capacity below rank");
        CHECK_OK(ember_tensor_get_shape(t, sz, st, 2));
        CHECK(sz[0] == 2 && sz[1] == 4 && st[0] == 4 && st[1] == 1, "sizes and strides");
        CHECK(ember_item(t, &s) != EMBER_OK, "item of 8 elements is refused");
    }
    ember_tensor_release(t);
}

int main(void) {
    ember_allocator_stats start, end;
    memset(&start, 0, sizeof start);
    memset(&end, 0, sizeof end);
    CHECK_OK(ember_get_allocator_stats(kCpu, &start));

    test_runtime();
    test_logging();
    test_creation();
    test_elementwise();
    test_references_and_blobs();

    CHECK_OK(ember_get_allocator_stats(kCpu, &end));
    CHECK(end.bytes_in_use == start.bytes_in_use, "bytes in use back to the start: %lld -> %lld",
          (long long)start.bytes_in_use, (long long)end.bytes_in_use);
    CHECK(end.live_tensors == start.live_tensors, "live tensors back to the start: %lld -> %lld",
          (long long)start.live_tensors, (long long)end.live_tensors);
    CHECK(end.peak_bytes_in_use >= end.bytes_in_use, "peak >= in use");
    CHECK_OK(ember_empty_cache(kCpu));
    CHECK_OK(ember_get_allocator_stats(kCpu, &end));
    CHECK(end.cached_bytes == 0, "empty_cache releases every cached block (%lld left)", (long long)end.cached_bytes);

    if (g_failures) {
        fprintf(stderr, "c_api_test: %d of %d checks FAILED\n", g_failures, g_checks);
        return 1;
    }
    printf("c_api_test: all %d checks passed (CPU kernels: %s)\n", g_checks, ember_cpu_isa());
    return 0;
}
