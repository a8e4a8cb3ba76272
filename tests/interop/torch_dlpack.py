"""DLPack exchange between Ember's C ABI and PyTorch, in both directions, through ctypes.

Needs PyTorch (not installed by the project's scripts; run it where torch is importable):
    EMBER_LIB=build/lib/libember.so python3 tests/interop/torch_dlpack.py
"""
import ctypes
import gc
import os
import sys

import torch
import torch.utils.dlpack

lib = ctypes.CDLL(os.environ.get("EMBER_LIB", "build/lib/libember.so"))
lib.ember_last_error_message.restype = ctypes.c_char_p
for name in ("ember_from_dlpack", "ember_to_dlpack", "ember_copy_to_buffer", "ember_from_data"):
    getattr(lib, name).restype = ctypes.c_int
lib.ember_from_dlpack.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
lib.ember_to_dlpack.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
lib.ember_copy_to_buffer.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t]
lib.ember_tensor_release.argtypes = [ctypes.c_void_p]

capi = ctypes.pythonapi
capi.PyCapsule_GetPointer.restype = ctypes.c_void_p
capi.PyCapsule_GetPointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
capi.PyCapsule_SetName.argtypes = [ctypes.py_object, ctypes.c_char_p]
capi.PyCapsule_New.restype = ctypes.py_object
capi.PyCapsule_New.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p]


def check(status):
    if status != 0:
        raise RuntimeError(f"ember status {status}: {lib.ember_last_error_message().decode()}")


# PyTorch -> Ember: a strided view; Ember reads the same memory and writes into it.
source = torch.arange(24, dtype=torch.float32).reshape(4, 6)[:, 1:5].t()
capsule = torch.utils.dlpack.to_dlpack(source)
handle = ctypes.c_void_p()
check(lib.ember_from_dlpack(capi.PyCapsule_GetPointer(capsule, b"dltensor"), ctypes.byref(handle)))
capi.PyCapsule_SetName(capsule, b"used_dltensor")  # the consumer owns it now, as the protocol says
out = (ctypes.c_float * source.numel())()
check(lib.ember_copy_to_buffer(handle, out, ctypes.sizeof(out)))
assert list(out) == source.contiguous().flatten().tolist(), list(out)
lib.ember_tensor_release(handle)
print("torch -> ember: values match through a transposed, offset view")

# Ember -> PyTorch: an Ember tensor exported and imported by torch; writes by torch reach it.
data = (ctypes.c_double * 6)(*range(6))
sizes = (ctypes.c_int64 * 2)(2, 3)
lib.ember_from_data.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.POINTER(ctypes.c_void_p)]
check(lib.ember_from_data(data, ctypes.sizeof(data), sizes, 2, 1, ctypes.byref(handle)))  # EMBER_DTYPE_FLOAT64
exported = ctypes.c_void_p()
check(lib.ember_to_dlpack(handle, ctypes.byref(exported)))
lib.ember_tensor_release(handle)  # the export keeps the memory alive
t = torch.utils.dlpack.from_dlpack(capi.PyCapsule_New(exported, b"dltensor", None))
assert t.dtype == torch.float64 and t.shape == (2, 3), (t.dtype, t.shape)
assert t.tolist() == [[0, 1, 2], [3, 4, 5]], t.tolist()
t.mul_(2)
assert t.sum().item() == 30
del t
gc.collect()  # torch calls the export's deleter here, which frees Ember's reference
print("ember -> torch: shape, dtype and values match; torch released the export")
print("torch DLPack interop OK with torch", torch.__version__)
sys.exit(0)
