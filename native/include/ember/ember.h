/*
 * ember.h - the only public surface of the Ember tensor runtime.
 *
 * Conventions (see docs/c-abi.md):
 *  - Every function that can fail returns ember_status; results come back through out-pointers,
 *    which are left untouched on failure. ember_last_error_message() describes the calling
 *    thread's last failure.
 *  - Every handle returned is a new reference: release it with ember_tensor_release.
 *  - Ops with an `out` parameter write into `out` when it is not NULL (pass the input itself to
 *    work in place) and allocate a new tensor otherwise; `result` (may be NULL when `out` is
 *    given) receives a new reference to the tensor written.
 *  - Arrays cross as pointer + count; strings are UTF-8; callbacks take a `void *user_data`.
 *  - The ABI only grows: new functions and enum values are appended, nothing moves.
 */
#ifndef EMBER_H
#define EMBER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#if defined(EMBER_BUILDING)
#define EMBER_API __declspec(dllexport)
#else
#define EMBER_API __declspec(dllimport)
#endif
#else
#define EMBER_API __attribute__((visibility("default")))
#endif

/** ABI version reported by ember_version(); raised whenever functions are appended. */
#define EMBER_ABI_VERSION 2u

/* ------------------------------------------------------------------------------------------ */
/* Status, errors, logging                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** Result of every fallible call. EMBER_OK is success; every other value is one class of error. */
typedef enum ember_status {
    EMBER_OK = 0,
    /** An argument is invalid: NULL where a handle is required, a bad option value. */
    EMBER_ERR_INVALID_ARGUMENT = 1,
    /** Shapes do not match, cannot broadcast, or a view is impossible. */
    EMBER_ERR_SHAPE = 2,
    /** A dtype is not supported by the op, or a result cannot be cast to the output dtype. */
    EMBER_ERR_DTYPE = 3,
    /** Tensors live on different devices, or the device is unavailable. */
    EMBER_ERR_DEVICE = 4,
    /** An index or dimension is out of range. */
    EMBER_ERR_INDEX = 5,
    /** An allocation failed. */
    EMBER_ERR_OUT_OF_MEMORY = 6,
    /** Reading or writing a file failed, or a file is malformed. */
    EMBER_ERR_IO = 7,
    /** The combination of arguments is valid but not supported by this build. */
    EMBER_ERR_UNSUPPORTED = 8,
    /** An autograd rule was violated (backward twice, in-place change of a saved tensor...). */
    EMBER_ERR_AUTOGRAD = 9,
    /** A bug in Ember: please report it with the message. */
    EMBER_ERR_INTERNAL = 10
} ember_status;

/** Severity of a log line. */
typedef enum ember_log_level {
    EMBER_LOG_TRACE = 0,
    EMBER_LOG_DEBUG = 1,
    EMBER_LOG_INFO = 2,
    EMBER_LOG_WARNING = 3,
    EMBER_LOG_ERROR = 4,
    EMBER_LOG_NONE = 5
} ember_log_level;

/** Receives one log line (UTF-8, valid only during the call). May be called from any thread. */
typedef void (*ember_log_fn)(ember_log_level level, const char *message, void *user_data);

/** Releases externally owned memory wrapped by ember_from_blob once no tensor uses it. */
typedef void (*ember_deleter_fn)(void *data, void *user_data);

/** The ABI version of the loaded library (EMBER_ABI_VERSION it was built with). */
EMBER_API uint32_t ember_version(void);

/** The calling thread's message for its last failed call; never NULL, empty when there was none. */
EMBER_API const char *ember_last_error_message(void);

/** Routes log lines at or above min_level to callback (NULL restores the default: no logging). */
EMBER_API ember_status ember_set_log_callback(ember_log_fn callback, void *user_data,
                                              ember_log_level min_level);

/** Name of the CPU kernel set chosen at load time ("avx512", "avx2" or "baseline"). */
EMBER_API const char *ember_cpu_isa(void);

/** Sets the number of CPU threads used by kernels (and oneDNN). n must be at least 1. */
EMBER_API ember_status ember_set_num_threads(int32_t n);

/** The number of CPU threads used by kernels. */
EMBER_API int32_t ember_get_num_threads(void);

/* ------------------------------------------------------------------------------------------ */
/* Types                                                                                        */
/* ------------------------------------------------------------------------------------------ */

/** Element type. EMBER_DTYPE_UNDEFINED asks an op for its default (as PyTorch does). */
typedef enum ember_dtype {
    EMBER_DTYPE_UNDEFINED = -1,
    EMBER_DTYPE_FLOAT32 = 0,
    EMBER_DTYPE_FLOAT64 = 1,
    EMBER_DTYPE_FLOAT16 = 2,
    EMBER_DTYPE_BFLOAT16 = 3,
    EMBER_DTYPE_INT8 = 4,
    EMBER_DTYPE_UINT8 = 5,
    EMBER_DTYPE_INT16 = 6,
    EMBER_DTYPE_INT32 = 7,
    EMBER_DTYPE_INT64 = 8,
    EMBER_DTYPE_BOOL = 9
} ember_dtype;

/** Kind of device memory. */
typedef enum ember_device_type {
    EMBER_DEVICE_CPU = 0,
    EMBER_DEVICE_CUDA = 1,
    EMBER_DEVICE_HIP = 2
} ember_device_type;

/** A device: its kind and ordinal (0 for the CPU). */
typedef struct ember_device {
    ember_device_type type;
    int32_t index;
} ember_device;

/** Kind of value held by an ember_scalar; it matters for type promotion, as in PyTorch. */
typedef enum ember_scalar_kind {
    EMBER_SCALAR_BOOL = 0,
    EMBER_SCALAR_INT = 1,
    EMBER_SCALAR_FLOAT = 2
} ember_scalar_kind;

/** A number passed by value: `i` holds bool and int values, `f` holds float values. */
typedef struct ember_scalar {
    ember_scalar_kind kind;
    int64_t i;
    double f;
} ember_scalar;

/** An n-dimensional array. Opaque; reference counted. */
typedef struct ember_tensor_s *ember_tensor;

/** A random number generator (counter-based Philox); NULL means the default generator. */
typedef struct ember_generator_s *ember_generator;

/** Facts about a tensor that fit in a fixed-size record. */
typedef struct ember_tensor_info {
    ember_dtype dtype;
    ember_device device;
    int64_t ndim;
    int64_t numel;
    int64_t element_size;
    int64_t storage_offset;
    /** Address of the first element (storage base plus offset); valid while the tensor lives. */
    void *data;
    bool is_contiguous;
} ember_tensor_info;

/** Allocator statistics for one device. */
typedef struct ember_allocator_stats {
    int64_t bytes_in_use;
    int64_t peak_bytes_in_use;
    int64_t live_tensors;
    int64_t allocations;
    int64_t cached_bytes;
} ember_allocator_stats;

/* ------------------------------------------------------------------------------------------ */
/* Tensor handles and metadata                                                                  */
/* ------------------------------------------------------------------------------------------ */

/**
 * Adds a reference to t.
 * Non-blocking: constant time, no locks, never calls back (bindings may skip the GC transition).
 */
EMBER_API ember_status ember_tensor_retain(ember_tensor t);

/** Drops a reference to t; the tensor is freed with its last reference. NULL is a no-op. */
EMBER_API void ember_tensor_release(ember_tensor t);

/**
 * Fills *out with t's dtype, device, rank, element count, data address and layout.
 * Non-blocking: constant time, no locks, never calls back (bindings may skip the GC transition).
 */
EMBER_API ember_status ember_tensor_get_info(ember_tensor t, ember_tensor_info *out);

/**
 * Copies t's sizes and strides (in elements) into the arrays, each of `capacity` entries;
 * either may be NULL. Fails with EMBER_ERR_INVALID_ARGUMENT when capacity is below the rank.
 * Non-blocking: constant time, no locks, never calls back (bindings may skip the GC transition).
 */
EMBER_API ember_status ember_tensor_get_shape(ember_tensor t, int64_t *sizes, int64_t *strides,
                                              size_t capacity);

/** True when a and b share storage (one may be a view of the other). */
EMBER_API ember_status ember_tensor_shares_storage(ember_tensor a, ember_tensor b, bool *out);

/** The value of a one-element tensor. */
EMBER_API ember_status ember_item(ember_tensor t, ember_scalar *out);

/**
 * Copies t's elements, in row-major order and in t's dtype, into dst (nbytes must equal
 * numel * element size). Works for any layout and device.
 */
EMBER_API ember_status ember_copy_to_buffer(ember_tensor t, void *dst, size_t nbytes);

/* ------------------------------------------------------------------------------------------ */
/* Memory                                                                                       */
/* ------------------------------------------------------------------------------------------ */

/** Allocator statistics of a device. */
EMBER_API ember_status ember_get_allocator_stats(ember_device device, ember_allocator_stats *out);

/** Resets the peak statistic of a device to its current use. */
EMBER_API ember_status ember_reset_peak_stats(ember_device device);

/** Returns cached, unused blocks of a device to the system. */
EMBER_API ember_status ember_empty_cache(ember_device device);

/* ------------------------------------------------------------------------------------------ */
/* Creation                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/** An uninitialised tensor (dtype UNDEFINED: float32). */
EMBER_API ember_status ember_empty(const int64_t *sizes, size_t ndim, ember_dtype dtype,
                                   ember_device device, ember_tensor *out);

/** A tensor of zeros (dtype UNDEFINED: float32). */
EMBER_API ember_status ember_zeros(const int64_t *sizes, size_t ndim, ember_dtype dtype,
                                   ember_device device, ember_tensor *out);

/** A tensor of ones (dtype UNDEFINED: float32). */
EMBER_API ember_status ember_ones(const int64_t *sizes, size_t ndim, ember_dtype dtype,
                                  ember_device device, ember_tensor *out);

/** A tensor filled with value (dtype UNDEFINED: inferred from the value's kind, as torch.full). */
EMBER_API ember_status ember_full(const int64_t *sizes, size_t ndim, ember_scalar value,
                                  ember_dtype dtype, ember_device device, ember_tensor *out);

/** Uninitialised, with t's shape and device (dtype UNDEFINED: t's dtype). */
EMBER_API ember_status ember_empty_like(ember_tensor t, ember_dtype dtype, ember_tensor *out);

/** Filled with value, with t's shape and device (dtype UNDEFINED: t's dtype). */
EMBER_API ember_status ember_full_like(ember_tensor t, ember_scalar value, ember_dtype dtype,
                                      ember_tensor *out);

/**
 * Values from start (inclusive) to end (exclusive) by step, as torch.arange
 * (dtype UNDEFINED: int64 when all three are integers, float32 otherwise).
 */
EMBER_API ember_status ember_arange(ember_scalar start, ember_scalar end, ember_scalar step,
                                    ember_dtype dtype, ember_device device, ember_tensor *out);

/** `steps` evenly spaced values from start to end inclusive (dtype UNDEFINED: float32). */
EMBER_API ember_status ember_linspace(double start, double end, int64_t steps, ember_dtype dtype,
                                      ember_device device, ember_tensor *out);

/** An n x m matrix with ones on the diagonal (m < 0 means m = n; dtype UNDEFINED: float32). */
EMBER_API ember_status ember_eye(int64_t n, int64_t m, ember_dtype dtype, ember_device device,
                                 ember_tensor *out);

/**
 * A zero-dimensional tensor holding value. With dtype UNDEFINED it is a "wrapped number": it
 * takes part in type promotion like a Python scalar in PyTorch (int64, float64 or bool storage).
 */
EMBER_API ember_status ember_scalar_tensor(ember_scalar value, ember_dtype dtype,
                                           ember_device device, ember_tensor *out);

/**
 * A new CPU tensor holding a copy of the caller's row-major buffer (nbytes must equal the
 * element count times the dtype's size).
 */
EMBER_API ember_status ember_from_data(const void *data, size_t nbytes, const int64_t *sizes,
                                       size_t ndim, ember_dtype dtype, ember_tensor *out);

/**
 * Wraps external memory without copying. strides (in elements) may be NULL for row-major.
 * deleter (may be NULL) is called with (data, user_data) when the last tensor using the memory
 * is released. The caller keeps the memory valid until then.
 */
EMBER_API ember_status ember_from_blob(void *data, const int64_t *sizes, const int64_t *strides,
                                       size_t ndim, ember_dtype dtype, ember_device device,
                                       ember_deleter_fn deleter, void *user_data,
                                       ember_tensor *out);

/*
 * DLPack: zero-copy exchange with other frameworks (PyTorch, NumPy, JAX, CuPy...). The pointers
 * are DLManagedTensor * (DLPack before 1.0, what torch.utils.dlpack uses) or, for the _versioned
 * functions, DLManagedTensorVersioned * (DLPack 1.x); they are void * here so this header needs
 * no DLPack header, and a caller that has dlpack.h passes its structs unchanged.
 */

/**
 * Wraps a DLManagedTensor as a tensor sharing its memory. On success the tensor takes ownership:
 * the producer's deleter runs exactly once, when the last tensor using the memory is released. On
 * failure (unsupported dtype, device or negative strides; a NULL or malformed struct) nothing is
 * taken and the caller must still call the deleter itself. Host and pinned-host memory become CPU
 * tensors; CUDA/ROCm memory needs that backend loaded.
 */
EMBER_API ember_status ember_from_dlpack(void *managed_tensor, ember_tensor *out);

/** ember_from_dlpack for a DLManagedTensorVersioned (major version 1; read-only tensors are refused). */
EMBER_API ember_status ember_from_dlpack_versioned(void *managed_tensor, ember_tensor *out);

/**
 * Exports t as a new DLManagedTensor sharing its memory (shape, strides in elements, byte_offset
 * 0). The export holds a reference to t, so the memory stays valid until the consumer calls its
 * deleter, which it must do exactly once. A tensor that requires grad is refused (export a
 * detached one), as in PyTorch.
 */
EMBER_API ember_status ember_to_dlpack(ember_tensor t, void **out_managed_tensor);

/** ember_to_dlpack producing a DLManagedTensorVersioned (version 1.0, flags 0: writable). */
EMBER_API ember_status ember_to_dlpack_versioned(ember_tensor t, void **out_managed_tensor);

/* ------------------------------------------------------------------------------------------ */
/* Random numbers                                                                               */
/* ------------------------------------------------------------------------------------------ */

/** Seeds the default generator. Results do not depend on the number of threads. */
EMBER_API ember_status ember_manual_seed(uint64_t seed);

/** A new generator with the given seed. */
EMBER_API ember_status ember_generator_create(uint64_t seed, ember_generator *out);

/** Frees a generator. NULL is a no-op. */
EMBER_API void ember_generator_release(ember_generator gen);

/** The generator's state: its seed and how many random values it has consumed (the offset). */
EMBER_API ember_status ember_generator_get_state(ember_generator gen, uint64_t *seed,
                                                 uint64_t *offset);

/** Restores a state from ember_generator_get_state. */
EMBER_API ember_status ember_generator_set_state(ember_generator gen, uint64_t seed,
                                                 uint64_t offset);

/** Fills t in place with values uniform on [low, high). Floating dtypes only. */
EMBER_API ember_status ember_uniform_(ember_tensor t, double low, double high, ember_generator gen);

/** Fills t in place with normal values of the given mean and std. Floating dtypes only. */
EMBER_API ember_status ember_normal_(ember_tensor t, double mean, double std, ember_generator gen);

/** Fills t in place with integers uniform on [low, high). */
EMBER_API ember_status ember_random_(ember_tensor t, int64_t low, int64_t high,
                                     ember_generator gen);

/** Fills t in place with 1 with probability p, 0 otherwise. */
EMBER_API ember_status ember_bernoulli_(ember_tensor t, double p, ember_generator gen);

/** Uniform on [0, 1) (dtype UNDEFINED: float32). */
EMBER_API ember_status ember_rand(const int64_t *sizes, size_t ndim, ember_dtype dtype,
                                  ember_device device, ember_generator gen, ember_tensor *out);

/** Standard normal (dtype UNDEFINED: float32). */
EMBER_API ember_status ember_randn(const int64_t *sizes, size_t ndim, ember_dtype dtype,
                                   ember_device device, ember_generator gen, ember_tensor *out);

/** Integers uniform on [low, high) (dtype UNDEFINED: int64). */
EMBER_API ember_status ember_randint(int64_t low, int64_t high, const int64_t *sizes, size_t ndim,
                                     ember_dtype dtype, ember_device device, ember_generator gen,
                                     ember_tensor *out);

/** Normal with the given mean and std (dtype UNDEFINED: float32). */
EMBER_API ember_status ember_normal(double mean, double std, const int64_t *sizes, size_t ndim,
                                    ember_dtype dtype, ember_device device, ember_generator gen,
                                    ember_tensor *out);

/** Draws 0 or 1 for each element of the probability tensor p, as torch.bernoulli(p). */
EMBER_API ember_status ember_bernoulli(ember_tensor p, ember_generator gen, ember_tensor *out);

/* ------------------------------------------------------------------------------------------ */
/* Elementwise ops                                                                              */
/* ------------------------------------------------------------------------------------------ */

/** Unary elementwise ops. Append only. */
typedef enum ember_unary_op {
    EMBER_UNARY_NEG = 0,
    EMBER_UNARY_ABS = 1,
    EMBER_UNARY_SIGN = 2,
    EMBER_UNARY_EXP = 3,
    EMBER_UNARY_EXPM1 = 4,
    EMBER_UNARY_LOG = 5,
    EMBER_UNARY_LOG1P = 6,
    EMBER_UNARY_LOG2 = 7,
    EMBER_UNARY_SQRT = 8,
    EMBER_UNARY_RSQRT = 9,
    EMBER_UNARY_RECIPROCAL = 10,
    EMBER_UNARY_SIN = 11,
    EMBER_UNARY_COS = 12,
    EMBER_UNARY_TAN = 13,
    EMBER_UNARY_TANH = 14,
    EMBER_UNARY_SIGMOID = 15,
    EMBER_UNARY_RELU = 16,
    EMBER_UNARY_GELU = 17,
    EMBER_UNARY_GELU_TANH = 18,
    EMBER_UNARY_SILU = 19,
    EMBER_UNARY_ERF = 20,
    EMBER_UNARY_FLOOR = 21,
    EMBER_UNARY_CEIL = 22,
    EMBER_UNARY_ROUND = 23,
    EMBER_UNARY_TRUNC = 24,
    EMBER_UNARY_LOGICAL_NOT = 25,
    EMBER_UNARY_ISNAN = 26,
    EMBER_UNARY_ISINF = 27,
    EMBER_UNARY_ISFINITE = 28,
    EMBER_UNARY_LOG10 = 29,
    EMBER_UNARY_EXP2 = 30,
    EMBER_UNARY_ASIN = 31,
    EMBER_UNARY_ACOS = 32,
    EMBER_UNARY_ATAN = 33,
    EMBER_UNARY_SINH = 34,
    EMBER_UNARY_COSH = 35,
    EMBER_UNARY_ERFC = 36,
    EMBER_UNARY_SQUARE = 37,
    EMBER_UNARY_OP_COUNT = 38
} ember_unary_op;

/** Binary elementwise ops, with broadcasting and type promotion. Append only. */
typedef enum ember_binary_op {
    EMBER_BINARY_ADD = 0,
    EMBER_BINARY_SUB = 1,
    EMBER_BINARY_MUL = 2,
    /** True division: integers promote to the default float dtype. */
    EMBER_BINARY_DIV = 3,
    /** Division rounded toward negative infinity (rounding_mode="floor"). */
    EMBER_BINARY_DIV_FLOOR = 4,
    /** Division rounded toward zero (rounding_mode="trunc"). */
    EMBER_BINARY_DIV_TRUNC = 5,
    /** Python-style modulus: the result has the divisor's sign. */
    EMBER_BINARY_REMAINDER = 6,
    EMBER_BINARY_POW = 7,
    EMBER_BINARY_MAXIMUM = 8,
    EMBER_BINARY_MINIMUM = 9,
    EMBER_BINARY_EQ = 10,
    EMBER_BINARY_NE = 11,
    EMBER_BINARY_LT = 12,
    EMBER_BINARY_LE = 13,
    EMBER_BINARY_GT = 14,
    EMBER_BINARY_GE = 15,
    EMBER_BINARY_LOGICAL_AND = 16,
    EMBER_BINARY_LOGICAL_OR = 17,
    EMBER_BINARY_LOGICAL_XOR = 18,
    /** C-style modulus: the result has the dividend's sign. */
    EMBER_BINARY_FMOD = 19,
    EMBER_BINARY_ATAN2 = 20,
    EMBER_BINARY_BITWISE_AND = 21,
    EMBER_BINARY_BITWISE_OR = 22,
    EMBER_BINARY_BITWISE_XOR = 23,
    EMBER_BINARY_OP_COUNT = 24
} ember_binary_op;

/** out/result = op(x). See the header comment for `out` and `result`. */
EMBER_API ember_status ember_unary(ember_unary_op op, ember_tensor x, ember_tensor out,
                                   ember_tensor *result);

/** out/result = op(a, b) with broadcasting and PyTorch's type promotion. */
EMBER_API ember_status ember_binary(ember_binary_op op, ember_tensor a, ember_tensor b,
                                    ember_tensor out, ember_tensor *result);

/**
 * out/result = op(a, s), or op(s, a) when scalar_first. The scalar promotes like a Python
 * number: int tensor + 2.5 is float32, int8 tensor + 1000 stays int8.
 */
EMBER_API ember_status ember_binary_scalar(ember_binary_op op, ember_tensor a, ember_scalar s,
                                           bool scalar_first, ember_tensor out,
                                           ember_tensor *result);

/** out/result = a + alpha * b (alpha = -1 gives a - b), as torch.add(a, b, alpha=alpha). */
EMBER_API ember_status ember_add_scaled(ember_tensor a, ember_tensor b, ember_scalar alpha,
                                        ember_tensor out, ember_tensor *result);

/** Elementwise choice: cond ? a : b, broadcasting all three. */
EMBER_API ember_status ember_where(ember_tensor cond, ember_tensor a, ember_tensor b,
                                   ember_tensor out, ember_tensor *result);

/** Clamps x into [min, max]; either bound may be NULL (but not both). Bounds broadcast. */
EMBER_API ember_status ember_clamp(ember_tensor x, ember_tensor min, ember_tensor max,
                                   ember_tensor out, ember_tensor *result);

/** Clamps x into [*min, *max]; either pointer may be NULL (but not both). */
EMBER_API ember_status ember_clamp_scalar(ember_tensor x, const ember_scalar *min,
                                          const ember_scalar *max, ember_tensor out,
                                          ember_tensor *result);

/** start + weight * (end - start), broadcasting all three. */
EMBER_API ember_status ember_lerp(ember_tensor start, ember_tensor end, ember_tensor weight,
                                  ember_tensor out, ember_tensor *result);

/** log(1 + exp(beta * x)) / beta, or x where beta * x > threshold (torch: beta 1, threshold 20). */
EMBER_API ember_status ember_softplus(ember_tensor x, double beta, double threshold,
                                      ember_tensor out, ember_tensor *result);

/** x where x > 0, negative_slope * x otherwise. */
EMBER_API ember_status ember_leaky_relu(ember_tensor x, double negative_slope, ember_tensor out,
                                        ember_tensor *result);

/** Fills t in place with value. */
EMBER_API ember_status ember_fill_(ember_tensor t, ember_scalar value);

/** Copies src into dst in place, broadcasting src to dst's shape and converting the dtype. */
EMBER_API ember_status ember_copy_(ember_tensor dst, ember_tensor src);

/** A new contiguous tensor with x's values converted to dtype (x.to(dtype), always a copy). */
EMBER_API ember_status ember_cast(ember_tensor x, ember_dtype dtype, ember_tensor *out);

/** A new contiguous copy of x. */
EMBER_API ember_status ember_clone(ember_tensor x, ember_tensor *out);

/** x itself (a new reference) when already contiguous, otherwise a contiguous copy. */
EMBER_API ember_status ember_contiguous(ember_tensor x, ember_tensor *out);

/** value where mask is true, x elsewhere; mask is bool and broadcasts to x's shape. */
EMBER_API ember_status ember_masked_fill(ember_tensor x, ember_tensor mask, ember_scalar value,
                                         ember_tensor out, ember_tensor *result);

/* ------------------------------------------------------------------------------------------ */
/* Reductions                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/** Reductions over a set of dims. Append only. */
typedef enum ember_reduce_op {
    EMBER_REDUCE_SUM = 0,
    EMBER_REDUCE_MEAN = 1,
    EMBER_REDUCE_PROD = 2,
    EMBER_REDUCE_AMAX = 3,
    EMBER_REDUCE_AMIN = 4,
    EMBER_REDUCE_ALL = 5,
    EMBER_REDUCE_ANY = 6,
    EMBER_REDUCE_LOGSUMEXP = 7,
    EMBER_REDUCE_COUNT_NONZERO = 8,
    EMBER_REDUCE_OP_COUNT = 9
} ember_reduce_op;

/**
 * Reduces x over dims (ndims = 0: all dims). dtype UNDEFINED gives PyTorch's default
 * (sum/prod of integers and bool: int64; all/any: bool; mean requires a floating dtype).
 */
EMBER_API ember_status ember_reduce(ember_reduce_op op, ember_tensor x, const int64_t *dims,
                                    size_t ndims, bool keepdim, ember_dtype dtype,
                                    ember_tensor *out);

/** Maximum along dim with the index of its first occurrence (torch.max(x, dim)). */
EMBER_API ember_status ember_max_dim(ember_tensor x, int64_t dim, bool keepdim,
                                     ember_tensor *values, ember_tensor *indices);

/** Minimum along dim with the index of its first occurrence (torch.min(x, dim)). */
EMBER_API ember_status ember_min_dim(ember_tensor x, int64_t dim, bool keepdim,
                                     ember_tensor *values, ember_tensor *indices);

/** Index of the maximum along *dim, or into the flattened tensor when dim is NULL. */
EMBER_API ember_status ember_argmax(ember_tensor x, const int64_t *dim, bool keepdim,
                                    ember_tensor *out);

/** Index of the minimum along *dim, or into the flattened tensor when dim is NULL. */
EMBER_API ember_status ember_argmin(ember_tensor x, const int64_t *dim, bool keepdim,
                                    ember_tensor *out);

/** Variance over dims (ndims = 0: all) with the given correction (1: unbiased). */
EMBER_API ember_status ember_var(ember_tensor x, const int64_t *dims, size_t ndims,
                                 double correction, bool keepdim, ember_tensor *out);

/** Standard deviation over dims (ndims = 0: all) with the given correction (1: unbiased). */
EMBER_API ember_status ember_std(ember_tensor x, const int64_t *dims, size_t ndims,
                                 double correction, bool keepdim, ember_tensor *out);

/** Vector p-norm over dims (ndims = 0: all); p may be INFINITY, -INFINITY, 0 or any positive value. */
EMBER_API ember_status ember_norm(ember_tensor x, double p, const int64_t *dims, size_t ndims,
                                  bool keepdim, ember_tensor *out);

/** Softmax along dim, computed in dtype (UNDEFINED: x's dtype; x must be floating). */
EMBER_API ember_status ember_softmax(ember_tensor x, int64_t dim, ember_dtype dtype,
                                     ember_tensor *out);

/** Log-softmax along dim, computed in dtype (UNDEFINED: x's dtype; x must be floating). */
EMBER_API ember_status ember_log_softmax(ember_tensor x, int64_t dim, ember_dtype dtype,
                                         ember_tensor *out);

/** Cumulative sum along dim (dtype UNDEFINED: x's dtype, int64 for integers and bool). */
EMBER_API ember_status ember_cumsum(ember_tensor x, int64_t dim, ember_dtype dtype,
                                    ember_tensor *out);

/** Cumulative product along dim (dtype UNDEFINED: x's dtype, int64 for integers and bool). */
EMBER_API ember_status ember_cumprod(ember_tensor x, int64_t dim, ember_dtype dtype,
                                     ember_tensor *out);

/* ------------------------------------------------------------------------------------------ */
/* Linear algebra                                                                               */
/* ------------------------------------------------------------------------------------------ */

/** torch.matmul: dot, matrix-vector, matrix-matrix and broadcast batched products. */
EMBER_API ember_status ember_matmul(ember_tensor a, ember_tensor b, ember_tensor *out);

/** Matrix product of two 2-D tensors. */
EMBER_API ember_status ember_mm(ember_tensor a, ember_tensor b, ember_tensor *out);

/** Batched matrix product of two 3-D tensors with equal batch sizes. */
EMBER_API ember_status ember_bmm(ember_tensor a, ember_tensor b, ember_tensor *out);

/** beta * input + alpha * (a @ b); input broadcasts to the product's shape. */
EMBER_API ember_status ember_addmm(ember_tensor input, ember_tensor a, ember_tensor b,
                                   ember_scalar beta, ember_scalar alpha, ember_tensor *out);

/** Outer product of two 1-D tensors. */
EMBER_API ember_status ember_outer(ember_tensor a, ember_tensor b, ember_tensor *out);

/** Inner product of two 1-D tensors of equal length (a 0-dim result). */
EMBER_API ember_status ember_dot(ember_tensor a, ember_tensor b, ember_tensor *out);

/* ------------------------------------------------------------------------------------------ */
/* Views (share storage with their input)                                                       */
/* ------------------------------------------------------------------------------------------ */

/** A view with new sizes (one may be -1); fails when the strides do not allow it. */
EMBER_API ember_status ember_view(ember_tensor x, const int64_t *sizes, size_t ndim,
                                  ember_tensor *out);

/** A view when possible, otherwise a copy, with new sizes (one may be -1). */
EMBER_API ember_status ember_reshape(ember_tensor x, const int64_t *sizes, size_t ndim,
                                     ember_tensor *out);

/** Reorders dims (a permutation of 0..ndim-1; negative values count from the end). */
EMBER_API ember_status ember_permute(ember_tensor x, const int64_t *dims, size_t ndim,
                                     ember_tensor *out);

/** Swaps two dims. */
EMBER_API ember_status ember_transpose(ember_tensor x, int64_t dim0, int64_t dim1,
                                       ember_tensor *out);

/** x[..., start:end:step, ...] along dim, with Python's clamping of start and end; step >= 1. */
EMBER_API ember_status ember_slice(ember_tensor x, int64_t dim, int64_t start, int64_t end,
                                   int64_t step, ember_tensor *out);

/** length elements along dim from start (start may be negative). */
EMBER_API ember_status ember_narrow(ember_tensor x, int64_t dim, int64_t start, int64_t length,
                                    ember_tensor *out);

/** Removes dim by taking one index along it (index may be negative). */
EMBER_API ember_status ember_select(ember_tensor x, int64_t dim, int64_t index, ember_tensor *out);

/** Broadcasts size-1 dims to sizes (-1 keeps a dim; new leading dims may be added). */
EMBER_API ember_status ember_expand(ember_tensor x, const int64_t *sizes, size_t ndim,
                                    ember_tensor *out);

/** Removes the given size-1 dims (ndims = 0: every size-1 dim). Dims of other sizes stay. */
EMBER_API ember_status ember_squeeze(ember_tensor x, const int64_t *dims, size_t ndims,
                                     ember_tensor *out);

/** Inserts a size-1 dim at dim (-ndim-1 <= dim <= ndim). */
EMBER_API ember_status ember_unsqueeze(ember_tensor x, int64_t dim, ember_tensor *out);

/** Merges dims start..end into one (a view when possible). */
EMBER_API ember_status ember_flatten(ember_tensor x, int64_t start_dim, int64_t end_dim,
                                     ember_tensor *out);

/** Splits dim into sizes (one may be -1). */
EMBER_API ember_status ember_unflatten(ember_tensor x, int64_t dim, const int64_t *sizes,
                                       size_t ndim, ember_tensor *out);

/** A view with explicit sizes, strides (in elements) and storage offset; bounds are checked. */
EMBER_API ember_status ember_as_strided(ember_tensor x, const int64_t *sizes,
                                        const int64_t *strides, size_t ndim,
                                        int64_t storage_offset, ember_tensor *out);

/* ------------------------------------------------------------------------------------------ */
/* Joining, splitting, indexing                                                                 */
/* ------------------------------------------------------------------------------------------ */

/** Concatenates tensors along dim (promoting dtypes); 1-D empty tensors are skipped as in PyTorch. */
EMBER_API ember_status ember_cat(const ember_tensor *tensors, size_t count, int64_t dim,
                                 ember_tensor *out);

/** Stacks equally shaped tensors along a new dim. */
EMBER_API ember_status ember_stack(const ember_tensor *tensors, size_t count, int64_t dim,
                                   ember_tensor *out);

/**
 * Splits x along dim into views of split_size (the last may be smaller). Writes up to capacity
 * handles into outs and the number of pieces into *count; fails when capacity is too small
 * (call with outs NULL and capacity 0 to get the count).
 */
EMBER_API ember_status ember_split(ember_tensor x, int64_t split_size, int64_t dim,
                                   ember_tensor *outs, size_t capacity, size_t *count);

/** Splits x along dim into views of the given sizes, which must add up to the dim's size. */
EMBER_API ember_status ember_split_with_sizes(ember_tensor x, const int64_t *sizes, size_t nsizes,
                                              int64_t dim, ember_tensor *outs);

/** Splits x into at most `chunks` views along dim, as torch.chunk; see ember_split for outs. */
EMBER_API ember_status ember_chunk(ember_tensor x, int64_t chunks, int64_t dim, ember_tensor *outs,
                                   size_t capacity, size_t *count);

/** Entries of x at the int64/int32 indices along dim. */
EMBER_API ember_status ember_index_select(ember_tensor x, int64_t dim, ember_tensor index,
                                          ember_tensor *out);

/** out[i][j] = x[index[i][j]][j] (for dim 0), as torch.gather. */
EMBER_API ember_status ember_gather(ember_tensor x, int64_t dim, ember_tensor index,
                                    ember_tensor *out);

/** Scatter reductions. */
typedef enum ember_scatter_reduce {
    EMBER_SCATTER_ASSIGN = 0,
    EMBER_SCATTER_ADD = 1,
    EMBER_SCATTER_MULTIPLY = 2
} ember_scatter_reduce;

/**
 * Writes src's values into a copy of x (or into out; out == x works in place) at the indices
 * along dim, as torch.scatter / scatter_add.
 */
EMBER_API ember_status ember_scatter(ember_tensor x, int64_t dim, ember_tensor index,
                                     ember_tensor src, ember_scatter_reduce reduce,
                                     ember_tensor out, ember_tensor *result);

/**
 * Advanced indexing x[indices...]: one entry per leading dim, each an integer or bool tensor or
 * NULL for a full slice. Follows PyTorch's rules for where the indexed dims land.
 */
EMBER_API ember_status ember_index(ember_tensor x, const ember_tensor *indices, size_t count,
                                   ember_tensor *out);

/**
 * x[indices...] = values (or += with accumulate), on a copy of x or into out (out == x works
 * in place). values broadcasts to the indexed shape.
 */
EMBER_API ember_status ember_index_put(ember_tensor x, const ember_tensor *indices, size_t count,
                                       ember_tensor values, bool accumulate, ember_tensor out,
                                       ember_tensor *result);

/** The elements of x where the (broadcast) bool mask is true, as a 1-D tensor. */
EMBER_API ember_status ember_masked_select(ember_tensor x, ember_tensor mask, ember_tensor *out);

/** The indices of the nonzero elements of x, as an int64 tensor of shape [count, ndim]. */
EMBER_API ember_status ember_nonzero(ember_tensor x, ember_tensor *out);

/** Elements of x (viewed as 1-D) at the given indices, in the index's shape. */
EMBER_API ember_status ember_take(ember_tensor x, ember_tensor index, ember_tensor *out);

/** Repeats x along each dim (ndim >= x's rank), as torch.Tensor.repeat. */
EMBER_API ember_status ember_repeat(ember_tensor x, const int64_t *repeats, size_t ndim,
                                    ember_tensor *out);

/** As torch.tile: like repeat, but fewer repeats than dims are padded with leading ones. */
EMBER_API ember_status ember_tile(ember_tensor x, const int64_t *repeats, size_t ndim,
                                  ember_tensor *out);

/** Reverses the order of elements along each of dims. */
EMBER_API ember_status ember_flip(ember_tensor x, const int64_t *dims, size_t ndims,
                                  ember_tensor *out);

/** Rolls elements along dims by shifts (ndims = 0: over the flattened tensor, one shift). */
EMBER_API ember_status ember_roll(ember_tensor x, const int64_t *shifts, size_t nshifts,
                                  const int64_t *dims, size_t ndims, ember_tensor *out);

/** Lower triangle of the last two dims (elements above diagonal k set to zero). */
EMBER_API ember_status ember_tril(ember_tensor x, int64_t k, ember_tensor *out);

/** Upper triangle of the last two dims (elements below diagonal k set to zero). */
EMBER_API ember_status ember_triu(ember_tensor x, int64_t k, ember_tensor *out);

/** Sorts along dim; values and indices (int64) come back. NaN sorts as the largest value. */
EMBER_API ember_status ember_sort(ember_tensor x, int64_t dim, bool descending, bool stable,
                                  ember_tensor *values, ember_tensor *indices);

/** The indices that sort x along dim (stable). */
EMBER_API ember_status ember_argsort(ember_tensor x, int64_t dim, bool descending,
                                     ember_tensor *out);

/** The k largest (or smallest) elements along dim and their indices. */
EMBER_API ember_status ember_topk(ember_tensor x, int64_t k, int64_t dim, bool largest,
                                  bool sorted, ember_tensor *values, ember_tensor *indices);


/* ------------------------------------------------------------------------------------------ */
/* Autograd                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/** Frees a callback's user data once the runtime no longer needs it (may be NULL). */
typedef void (*ember_destroy_fn)(void *user_data);

/**
 * A gradient hook: sees the gradient computed for a tensor before it is used. It may set
 * *replacement to a new reference to another tensor of the same shape, which then replaces the
 * gradient; leaving it NULL keeps the gradient. A non-OK status aborts the backward pass.
 */
typedef ember_status (*ember_grad_hook_fn)(ember_tensor grad, void *user_data, ember_tensor *replacement);

/** Runs after a leaf's .grad was updated by a backward pass; t is the leaf. */
typedef ember_status (*ember_post_accumulate_hook_fn)(ember_tensor t, void *user_data);

/**
 * The backward of a custom function. grad_outputs has one entry per forward output (NULL where
 * no gradient flows); saved holds the tensors given to ember_custom_function_apply. Write a new
 * reference (or NULL for "no gradient") to each of the ninputs entries of grad_inputs.
 */
typedef ember_status (*ember_custom_backward_fn)(void *user_data, const ember_tensor *saved, size_t nsaved,
                                                 const ember_tensor *grad_outputs, size_t noutputs,
                                                 ember_tensor *grad_inputs, size_t ninputs);

/** Whether the calling thread records operations for autograd (default true). */
EMBER_API bool ember_is_grad_enabled(void);

/** Turns recording on or off for the calling thread (torch.set_grad_enabled). */
EMBER_API void ember_set_grad_enabled(bool enabled);

/** Whether the calling thread is in inference mode (no recording, results never need grad). */
EMBER_API bool ember_is_inference_mode_enabled(void);

/** Enters (true) or leaves (false) inference mode on the calling thread. */
EMBER_API void ember_set_inference_mode(bool enabled);

/**
 * Autocast (torch.autocast) for the calling thread. While enabled for EMBER_DEVICE_CPU, the matmul
 * family (mm, bmm, addmm, matmul, linear) and convolutions cast float32 inputs to dtype
 * (EMBER_DTYPE_BFLOAT16, run on AMX where the CPU has it, or EMBER_DTYPE_FLOAT16), and losses,
 * reductions, softmax/log_softmax and normalisations cast bfloat16/float16 inputs to float32. The
 * casts are recorded, so gradients reach float32 parameters as float32; backward passes run with
 * autocast off. Other device types fail with EMBER_ERR_UNSUPPORTED.
 */
EMBER_API ember_status ember_set_autocast(ember_device_type device, bool enabled, ember_dtype dtype);

/** The calling thread's autocast setting for a device type (dtype is the lower-precision dtype). */
EMBER_API ember_status ember_get_autocast(ember_device_type device, bool *enabled, ember_dtype *dtype);

/** Makes t a leaf that requires (or no longer requires) gradients. Only floating tensors can. */
EMBER_API ember_status ember_set_requires_grad(ember_tensor t, bool requires_grad);

/** Whether t requires gradients (a leaf marked so, or the result of a recorded op). */
EMBER_API ember_status ember_requires_grad(ember_tensor t, bool *out);

/** Whether t is a leaf: it was not produced by a recorded op. */
EMBER_API ember_status ember_is_leaf(ember_tensor t, bool *out);

/** The gradient accumulated in t by backward passes, or NULL in *out when there is none. */
EMBER_API ember_status ember_get_grad(ember_tensor t, ember_tensor *out);

/** Replaces t's gradient; NULL clears it. grad must match t's shape, dtype and device. */
EMBER_API ember_status ember_set_grad(ember_tensor t, ember_tensor grad);

/** Name of the node that produced t ("MulBackward"...), or NULL for a leaf. Valid while t lives. */
EMBER_API ember_status ember_grad_fn_name(ember_tensor t, const char **out);

/** Asks a non-leaf tensor to keep its gradient in .grad during backward. No-op for leaves. */
EMBER_API ember_status ember_retain_grad(ember_tensor t);

/** Whether t keeps its gradient (ember_retain_grad was called on a non-leaf). */
EMBER_API ember_status ember_retains_grad(ember_tensor t, bool *out);

/** A new tensor sharing t's storage, cut from the graph (never requires grad). */
EMBER_API ember_status ember_detach(ember_tensor t, ember_tensor *out);

/** Cuts t itself from the graph: it becomes a leaf that does not require grad. */
EMBER_API ember_status ember_detach_(ember_tensor t);

/** How many times t's storage was written in place (shared by all views of it). */
EMBER_API ember_status ember_tensor_version(ember_tensor t, uint32_t *out);

/**
 * Backward pass from outputs: accumulates d(outputs)/d(leaf) * grad_outputs into every leaf that
 * requires grad (or, when ninputs > 0, only into those inputs). grad_outputs may be NULL, or
 * hold NULL entries, for outputs with one element (the gradient 1). retain_graph keeps the
 * graph's saved tensors for another pass; create_graph records the backward pass itself, so the
 * gradients can be differentiated again.
 */
EMBER_API ember_status ember_backward(const ember_tensor *outputs, size_t noutputs, const ember_tensor *grad_outputs,
                                      bool retain_graph, bool create_graph, const ember_tensor *inputs,
                                      size_t ninputs);

/**
 * torch.autograd.grad: writes d(outputs)/d(inputs[i]) * grad_outputs to grads[i] (a new
 * reference) without touching any .grad. An input that outputs do not depend on is an error
 * unless allow_unused, which writes NULL for it.
 */
EMBER_API ember_status ember_grad(const ember_tensor *outputs, size_t noutputs, const ember_tensor *grad_outputs,
                                  const ember_tensor *inputs, size_t ninputs, bool retain_graph, bool create_graph,
                                  bool allow_unused, ember_tensor *grads);

/**
 * Registers a hook on t's gradient (see ember_grad_hook_fn); *handle identifies it for
 * ember_remove_hook. destroy(user_data) runs when the hook is removed or its tensor's graph goes.
 */
EMBER_API ember_status ember_register_hook(ember_tensor t, ember_grad_hook_fn fn, void *user_data,
                                           ember_destroy_fn destroy, int64_t *handle);

/** Registers a hook that runs after backward has updated the leaf t's .grad. */
EMBER_API ember_status ember_register_post_accumulate_grad_hook(ember_tensor t, ember_post_accumulate_hook_fn fn,
                                                                void *user_data, ember_destroy_fn destroy,
                                                                int64_t *handle);

/** Removes a hook registered on t; an unknown handle is an error. */
EMBER_API ember_status ember_remove_hook(ember_tensor t, int64_t handle);

/**
 * Attaches a user-defined backward to outputs computed by the caller (compute them with grad mode
 * off). When grad mode is on and an input requires grad, results[i] are new tensors sharing
 * outputs[i]'s storage whose grad_fn is a node named name that calls backward; otherwise they
 * are plain aliases. non_differentiable (may be NULL) marks outputs that get no gradient. saved
 * tensors are kept (with in-place checks) for backward. destroy(user_data) runs when the node is
 * freed (or at once, when nothing was recorded).
 */
EMBER_API ember_status ember_custom_function_apply(const char *name, const ember_tensor *inputs, size_t ninputs,
                                                   const ember_tensor *outputs, size_t noutputs,
                                                   const bool *non_differentiable, const ember_tensor *saved,
                                                   size_t nsaved, ember_custom_backward_fn backward,
                                                   void *user_data, ember_destroy_fn destroy,
                                                   ember_tensor *results);

/* ------------------------------------------------------------------------------------------ */
/* Neural network ops                                                                           */
/* ------------------------------------------------------------------------------------------ */

/*
 * Convolutions and pooling over channels-first tensors, as torch.nn.functional. Parameter lists
 * (stride, padding, dilation, output_padding, kernel_size) are arrays of int64_t with their
 * counts: one value applies to every spatial dim, otherwise one value per spatial dim; NULL with
 * count 0 gives the default (stride: 1 for convolutions and the kernel size for pooling;
 * padding and output_padding: 0; dilation: 1). Inputs may be batched (N, C, ...) or unbatched
 * (C, ...). Convolutions take floating and integer dtypes, pooling floating dtypes. Results
 * record autograd history (gradients of every order for convolutions; second order for pooling).
 * Errors follow PyTorch's messages: EMBER_ERR_SHAPE for ranks, channel counts and sizes,
 * EMBER_ERR_INVALID_ARGUMENT for bad strides, paddings, dilations and groups, EMBER_ERR_DTYPE
 * for mixed or unsupported dtypes.
 */

/**
 * 1-D convolution: input (N, C, L) or (C, L), weight (K, C / groups, kL), bias (K) or NULL.
 * padding holds 1 value, or 2 (left, right) for asymmetric padding. groups >= 1 divides C and K
 * (groups == C: depthwise). input, weight and bias must have one dtype.
 */
EMBER_API ember_status ember_conv1d(ember_tensor input, ember_tensor weight, ember_tensor bias,
                                    const int64_t *stride, size_t nstride, const int64_t *padding,
                                    size_t npadding, const int64_t *dilation, size_t ndilation,
                                    int64_t groups, ember_tensor *out);

/**
 * 2-D convolution: input (N, C, H, W) or (C, H, W), weight (K, C / groups, kH, kW), bias (K)
 * or NULL. padding holds 1 or 2 values (symmetric), or 4 (top, left, bottom, right) for
 * asymmetric padding such as "same" with an even kernel.
 */
EMBER_API ember_status ember_conv2d(ember_tensor input, ember_tensor weight, ember_tensor bias,
                                    const int64_t *stride, size_t nstride, const int64_t *padding,
                                    size_t npadding, const int64_t *dilation, size_t ndilation,
                                    int64_t groups, ember_tensor *out);

/**
 * 1-D transposed convolution: input (N, C, L) or (C, L), weight (C, K / groups, kL), bias (K)
 * or NULL. Output length (L - 1) * stride - 2 * padding + dilation * (kL - 1) + output_padding
 * + 1; output_padding must be smaller than stride or dilation.
 */
EMBER_API ember_status ember_conv_transpose1d(ember_tensor input, ember_tensor weight,
                                              ember_tensor bias, const int64_t *stride,
                                              size_t nstride, const int64_t *padding,
                                              size_t npadding, const int64_t *output_padding,
                                              size_t noutput_padding, int64_t groups,
                                              const int64_t *dilation, size_t ndilation,
                                              ember_tensor *out);

/**
 * 2-D transposed convolution: input (N, C, H, W) or (C, H, W), weight (C, K / groups, kH, kW),
 * bias (K) or NULL; padding as for ember_conv2d (it crops the output).
 */
EMBER_API ember_status ember_conv_transpose2d(ember_tensor input, ember_tensor weight,
                                              ember_tensor bias, const int64_t *stride,
                                              size_t nstride, const int64_t *padding,
                                              size_t npadding, const int64_t *output_padding,
                                              size_t noutput_padding, int64_t groups,
                                              const int64_t *dilation, size_t ndilation,
                                              ember_tensor *out);

/**
 * 1-D max pooling of (N, C, L) or (C, L). padding (at most half the kernel) pads with -inf.
 * ceil_mode rounds the output length up. *indices (may be NULL) receives the int64 position
 * of each maximum along L. NaN wins a window.
 */
EMBER_API ember_status ember_max_pool1d(ember_tensor input, const int64_t *kernel_size,
                                        size_t nkernel, const int64_t *stride, size_t nstride,
                                        const int64_t *padding, size_t npadding,
                                        const int64_t *dilation, size_t ndilation, bool ceil_mode,
                                        ember_tensor *out, ember_tensor *indices);

/**
 * 2-D max pooling of (N, C, H, W) or (C, H, W); *indices (may be NULL) receives the int64
 * position of each maximum in its flattened H * W plane, as torch's return_indices.
 */
EMBER_API ember_status ember_max_pool2d(ember_tensor input, const int64_t *kernel_size,
                                        size_t nkernel, const int64_t *stride, size_t nstride,
                                        const int64_t *padding, size_t npadding,
                                        const int64_t *dilation, size_t ndilation, bool ceil_mode,
                                        ember_tensor *out, ember_tensor *indices);

/** 1-D average pooling of (N, C, L) or (C, L). */
EMBER_API ember_status ember_avg_pool1d(ember_tensor input, const int64_t *kernel_size,
                                        size_t nkernel, const int64_t *stride, size_t nstride,
                                        const int64_t *padding, size_t npadding, bool ceil_mode,
                                        bool count_include_pad, ember_tensor *out);

/**
 * 2-D average pooling of (N, C, H, W) or (C, H, W). count_include_pad counts zero padding in
 * the divisor; divisor_override (NULL: none; 0 is an error) replaces the divisor.
 */
EMBER_API ember_status ember_avg_pool2d(ember_tensor input, const int64_t *kernel_size,
                                        size_t nkernel, const int64_t *stride, size_t nstride,
                                        const int64_t *padding, size_t npadding, bool ceil_mode,
                                        bool count_include_pad, const int64_t *divisor_override,
                                        ember_tensor *out);

/**
 * Adaptive average pooling of (N, C, H, W) or (C, H, W) to output_size (1 value: square, or
 * 2: height, width); windows span [floor(i * H / oh), ceil((i + 1) * H / oh)).
 */
EMBER_API ember_status ember_adaptive_avg_pool2d(ember_tensor input, const int64_t *output_size,
                                                 size_t noutput_size, ember_tensor *out);

/** Adaptive max pooling; *indices (may be NULL) as for ember_max_pool2d. */
EMBER_API ember_status ember_adaptive_max_pool2d(ember_tensor input, const int64_t *output_size,
                                                 size_t noutput_size, ember_tensor *out,
                                                 ember_tensor *indices);

/* ------------------------------------------------------------------------------------------ */
/* NN functional ops                                                                            */
/* ------------------------------------------------------------------------------------------ */
/*
 * torch.nn.functional's normalisation, dropout, embedding, loss, attention and linear ops. All
 * are differentiable (first order at least; second order for everything but the running-stat
 * updates of batch norm, which are not differentiated). Optional tensors are NULL; results come
 * back as new tensors in *out.
 */

/** How a loss reduces its per-element values (PyTorch's reduction argument). */
typedef enum ember_reduction {
    /** The unreduced loss: one value per element (or sample). */
    EMBER_REDUCTION_NONE = 0,
    /** The mean (weighted class losses divide by the sum of the weights used). */
    EMBER_REDUCTION_MEAN = 1,
    /** The sum. */
    EMBER_REDUCTION_SUM = 2,
    EMBER_REDUCTION_COUNT = 3
} ember_reduction;

/**
 * Batch normalisation of input (N, C, *) over every dim but 1. training: normalises with the
 * batch's mean and biased variance and, when given, updates running_mean / running_var (C) in
 * place: running = (1 - momentum) * running + momentum * batch statistic, with the unbiased
 * variance. Not training: normalises with the running statistics (both required). weight and
 * bias (C) may be NULL.
 */
EMBER_API ember_status ember_batch_norm(ember_tensor input, ember_tensor running_mean,
                                        ember_tensor running_var, ember_tensor weight,
                                        ember_tensor bias, bool training, double momentum,
                                        double eps, ember_tensor *out);

/**
 * Layer normalisation over the last dims of input, which must equal normalized_shape (at least
 * one dim); weight and bias (shape normalized_shape) may be NULL.
 */
EMBER_API ember_status ember_layer_norm(ember_tensor input, const int64_t *normalized_shape,
                                        size_t nnormalized_shape, ember_tensor weight,
                                        ember_tensor bias, double eps, ember_tensor *out);

/**
 * Group normalisation of input (N, C, *): the C channels form num_groups groups (C divisible by
 * num_groups), each (sample, group) normalised on its own; weight and bias (C) may be NULL.
 */
EMBER_API ember_status ember_group_norm(ember_tensor input, int64_t num_groups, ember_tensor weight,
                                        ember_tensor bias, double eps, ember_tensor *out);

/**
 * RMS normalisation over the last dims (normalized_shape): x / sqrt(mean(x^2) + eps) * weight
 * (weight may be NULL). eps NaN means the machine epsilon of input's dtype, as torch's eps=None.
 */
EMBER_API ember_status ember_rms_norm(ember_tensor input, const int64_t *normalized_shape,
                                      size_t nnormalized_shape, ember_tensor weight, double eps,
                                      ember_tensor *out);

/**
 * Dropout: with training and p > 0, zeroes each element with probability p (drawn from gen,
 * NULL: the default generator) and scales the others by 1 / (1 - p); p = 1 gives zeros.
 * Not training or p = 0: *out is a new reference to input itself.
 */
EMBER_API ember_status ember_dropout(ember_tensor input, double p, bool training,
                                     ember_generator gen, ember_tensor *out);

/**
 * Rows of weight (num_embeddings, embedding_dim) picked by indices (int32 or int64, any shape):
 * the result has shape indices.shape + (embedding_dim). With has_padding_idx, the row
 * padding_idx (in [-num_embeddings, num_embeddings)) never receives gradient. An index outside
 * [0, num_embeddings) is EMBER_ERR_INDEX.
 */
EMBER_API ember_status ember_embedding(ember_tensor weight, ember_tensor indices,
                                       bool has_padding_idx, int64_t padding_idx,
                                       ember_tensor *out);

/**
 * Cross entropy of logits input (N, C), (N, C, d1, ...) or (C). An integer target holds class
 * indices ((N), (N, d1, ...) or 0-dim), positions equal to ignore_index are skipped; a floating
 * target holds class probabilities of input's shape. weight (C) may be NULL; label_smoothing in
 * [0, 1] mixes the target with the uniform distribution. The mean over class indices divides by
 * the summed weights of the targets that are not ignored, as PyTorch.
 */
EMBER_API ember_status ember_cross_entropy(ember_tensor input, ember_tensor target,
                                           ember_tensor weight, ember_reduction reduction,
                                           int64_t ignore_index, double label_smoothing,
                                           ember_tensor *out);

/**
 * Negative log likelihood of log-probabilities input (shapes as ember_cross_entropy) at the
 * integer target classes; weight (C) may be NULL; the mean divides by the summed weights of the
 * targets that are not ignore_index. A target outside [0, C) is EMBER_ERR_INDEX.
 */
EMBER_API ember_status ember_nll_loss(ember_tensor input, ember_tensor target, ember_tensor weight,
                                      ember_reduction reduction, int64_t ignore_index,
                                      ember_tensor *out);

/** Squared error (input - target)^2 (the two broadcast), reduced. */
EMBER_API ember_status ember_mse_loss(ember_tensor input, ember_tensor target,
                                      ember_reduction reduction, ember_tensor *out);

/** Absolute error |input - target|, reduced. */
EMBER_API ember_status ember_l1_loss(ember_tensor input, ember_tensor target,
                                     ember_reduction reduction, ember_tensor *out);

/** 0.5 d^2 / beta where d = |input - target| < beta, else d - 0.5 beta (beta >= 0; 0: L1). */
EMBER_API ember_status ember_smooth_l1_loss(ember_tensor input, ember_tensor target,
                                            ember_reduction reduction, double beta,
                                            ember_tensor *out);

/** 0.5 d^2 where d = |input - target| < delta, else delta (d - 0.5 delta) (delta > 0). */
EMBER_API ember_status ember_huber_loss(ember_tensor input, ember_tensor target,
                                        ember_reduction reduction, double delta,
                                        ember_tensor *out);

/**
 * Binary cross entropy of probabilities input (every element in [0, 1]) against target of the
 * same shape; the logs are clamped at -100, as PyTorch. weight (broadcast) may be NULL.
 */
EMBER_API ember_status ember_binary_cross_entropy(ember_tensor input, ember_tensor target,
                                                  ember_tensor weight, ember_reduction reduction,
                                                  ember_tensor *out);

/**
 * Binary cross entropy of logits (sigmoid built in, numerically stable) against target of the
 * same shape; weight (broadcast) and pos_weight (broadcast along the last dim: one per class)
 * may be NULL.
 */
EMBER_API ember_status ember_binary_cross_entropy_with_logits(ember_tensor input,
                                                              ember_tensor target,
                                                              ember_tensor weight,
                                                              ember_tensor pos_weight,
                                                              ember_reduction reduction,
                                                              ember_tensor *out);

/**
 * Kullback-Leibler divergence with input holding log-probabilities: target * (log(target) -
 * input), or exp(target) * (target - input) with log_target. PyTorch's reduction='batchmean'
 * is EMBER_REDUCTION_SUM divided by the batch size.
 */
EMBER_API ember_status ember_kl_div(ember_tensor input, ember_tensor target,
                                    ember_reduction reduction, bool log_target,
                                    ember_tensor *out);

/**
 * 1 - cos(x1, x2) where target is 1, max(0, cos(x1, x2) - margin) where it is -1; inputs (N, D)
 * with target (N), or (D) with a 0-dim target.
 */
EMBER_API ember_status ember_cosine_embedding_loss(ember_tensor input1, ember_tensor input2,
                                                   ember_tensor target, double margin,
                                                   ember_reduction reduction, ember_tensor *out);

/**
 * softmax(query @ key^T * scale + mask) @ value with query (..., L, E), key (..., S, E), value
 * (..., S, Ev) and broadcasting batch dims. attn_mask (may be NULL, broadcast to (..., L, S)):
 * bool (true = attend) or floating (added). is_causal masks key j > query i (no attn_mask then).
 * dropout_p > 0 drops attention weights (gen: NULL = default generator). scale NaN means
 * 1 / sqrt(E). A fully masked row gives NaN, as PyTorch's math path.
 */
EMBER_API ember_status ember_scaled_dot_product_attention(ember_tensor query, ember_tensor key,
                                                          ember_tensor value,
                                                          ember_tensor attn_mask,
                                                          double dropout_p, bool is_causal,
                                                          double scale, ember_generator gen,
                                                          ember_tensor *out);

/**
 * input (*, in_features) @ weight^T + bias with weight (out_features, in_features) and bias
 * (out_features) or NULL: one GEMM over all leading dims.
 */
EMBER_API ember_status ember_linear(ember_tensor input, ember_tensor weight, ember_tensor bias,
                                    ember_tensor *out);

/* ------------------------------------------------------------------------------------------ */
/* IO: Serialization (the safetensors format, docs/safetensors.md)                              */
/* ------------------------------------------------------------------------------------------ */

/** An opened, fully validated safetensors file. Opaque; release with ember_safetensors_release. */
typedef struct ember_safetensors_s *ember_safetensors;

/**
 * Writes n tensors (names[i] names tensors[i]; names are unique UTF-8, not "__metadata__") and
 * nmeta string metadata entries (keys unique; nmeta 0 writes no "__metadata__") to path, with
 * the bytes Python's safetensors.torch.save_file writes. Non-contiguous tensors are saved as
 * their contiguous copies. Fails with EMBER_ERR_IO when the file cannot be written.
 */
EMBER_API ember_status ember_safetensors_save(const char *path, const char *const *names,
                                              const ember_tensor *tensors, size_t n,
                                              const char *const *meta_keys,
                                              const char *const *meta_values, size_t nmeta);

/**
 * The in-memory form of ember_safetensors_save: *size receives the file's size; when buffer is
 * not NULL the file is written there (capacity below *size is EMBER_ERR_INVALID_ARGUMENT).
 */
EMBER_API ember_status ember_safetensors_serialize(const char *const *names,
                                                   const ember_tensor *tensors, size_t n,
                                                   const char *const *meta_keys,
                                                   const char *const *meta_values, size_t nmeta,
                                                   void *buffer, size_t capacity, size_t *size);

/**
 * Opens and validates a safetensors file. With memory_map the file is mapped (privately,
 * copy-on-write: the file is never written) and tensors alias the mapping without a copy,
 * keeping it alive after the handle is released; otherwise the file is read once and every
 * tensor gets its own copy. Every malformed file is EMBER_ERR_IO with a message naming the
 * problem.
 */
EMBER_API ember_status ember_safetensors_open(const char *path, bool memory_map,
                                              ember_safetensors *out);

/** Opens a safetensors file held in a caller's buffer (copied: the buffer may be freed after). */
EMBER_API ember_status ember_safetensors_open_buffer(const void *data, size_t size,
                                                     ember_safetensors *out);

/** Frees the handle. Tensors obtained from it stay valid. NULL is a no-op. */
EMBER_API void ember_safetensors_release(ember_safetensors file);

/** The number of tensors in the file. */
EMBER_API ember_status ember_safetensors_count(ember_safetensors file, size_t *out);

/** The name of tensor i (names are sorted); the string lives as long as the handle. */
EMBER_API ember_status ember_safetensors_name(ember_safetensors file, size_t index,
                                              const char **out);

/** Tensor i (a new reference). An index out of range is EMBER_ERR_INDEX. */
EMBER_API ember_status ember_safetensors_get_index(ember_safetensors file, size_t index,
                                                   ember_tensor *out);

/** The tensor called name (a new reference). An unknown name is EMBER_ERR_INDEX. */
EMBER_API ember_status ember_safetensors_get(ember_safetensors file, const char *name,
                                             ember_tensor *out);

/** The number of "__metadata__" entries. */
EMBER_API ember_status ember_safetensors_metadata_count(ember_safetensors file, size_t *out);

/** Metadata entry i, in file order; the strings live as long as the handle. */
EMBER_API ember_status ember_safetensors_metadata_at(ember_safetensors file, size_t index,
                                                     const char **key, const char **value);

/* ==========================================================================================
 * Optimizers
 * ==========================================================================================
 * Fused optimizer steps (torch.optim's single-tensor formulas): one call updates every parameter
 * of a group in place, without recording autograd, bumping the version of each tensor written.
 * params[i], grads[i] and every state tensor of parameter i must have one shape, one floating
 * dtype (float32/float64) and one device, and be contiguous. State arrays are in/out: a NULL
 * entry is state created on first use, and receives a new reference owned by the caller (the
 * entries given are updated in place and stay the caller's). Everything is validated before
 * anything is written. */

/** SGD with momentum (torch.optim.SGD). momentum_buffers (count entries) may be NULL when
 * momentum == 0; a NULL entry becomes a copy of the (decayed, maximize-negated) gradient. */
EMBER_API ember_status ember_sgd_step(const ember_tensor *params, const ember_tensor *grads,
                                      ember_tensor *momentum_buffers, size_t count, double lr,
                                      double momentum, double dampening, double weight_decay,
                                      bool nesterov, bool maximize);

/** Adam / AdamW (torch.optim.Adam, decoupled_weight_decay: torch.optim.AdamW). exp_avgs and
 * exp_avg_sqs are required arrays (NULL entries start as zeros); max_exp_avg_sqs is required when
 * amsgrad (may be NULL otherwise). steps[i] is parameter i's step count, incremented by the call
 * before use (bias corrections 1 - beta^step). */
EMBER_API ember_status ember_adam_step(const ember_tensor *params, const ember_tensor *grads,
                                       ember_tensor *exp_avgs, ember_tensor *exp_avg_sqs,
                                       ember_tensor *max_exp_avg_sqs, int64_t *steps, size_t count,
                                       double lr, double beta1, double beta2, double eps,
                                       double weight_decay, bool amsgrad, bool maximize,
                                       bool decoupled_weight_decay);

/** RMSprop (torch.optim.RMSprop). square_avgs is required (NULL entries start as zeros);
 * momentum_buffers is required when momentum > 0 and grad_avgs when centered (may be NULL
 * otherwise). */
EMBER_API ember_status ember_rmsprop_step(const ember_tensor *params, const ember_tensor *grads,
                                          ember_tensor *square_avgs, ember_tensor *momentum_buffers,
                                          ember_tensor *grad_avgs, size_t count, double lr,
                                          double alpha, double eps, double weight_decay,
                                          double momentum, bool centered, bool maximize);

/** Adagrad (torch.optim.Adagrad). A NULL state_sums entry starts filled with
 * initial_accumulator_value; steps[i] is incremented before use (clr = lr / (1 + (step - 1) *
 * lr_decay)). */
EMBER_API ember_status ember_adagrad_step(const ember_tensor *params, const ember_tensor *grads,
                                          ember_tensor *state_sums, int64_t *steps, size_t count,
                                          double lr, double lr_decay, double weight_decay,
                                          double initial_accumulator_value, double eps,
                                          bool maximize);

/** torch.nn.utils.clip_grad_norm_: the norm of order norm_type (INFINITY allowed) of all grads
 * taken together, returned in *total_norm (a new 0-dim tensor of the grads' dtype; float32 0 for
 * count == 0); each grad is scaled in place by min(max_norm / (total_norm + 1e-6), 1). A
 * non-finite total is EMBER_ERR_INVALID_ARGUMENT when error_if_nonfinite (nothing is scaled). */
EMBER_API ember_status ember_clip_grad_norm(const ember_tensor *grads, size_t count, double max_norm,
                                            double norm_type, bool error_if_nonfinite,
                                            ember_tensor *total_norm);

/** torch.nn.utils.clip_grad_value_: clamps each grad in place to [-clip_value, clip_value]. */
EMBER_API ember_status ember_clip_grad_value(const ember_tensor *grads, size_t count, double clip_value);

#ifdef __cplusplus
}
#endif

#endif /* EMBER_H */
