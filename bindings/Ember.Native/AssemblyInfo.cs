using System.Runtime.CompilerServices;

// Every signature in NativeMethods.g.cs is blittable, so the runtime's marshalling is never
// needed. Disabling it lets LibraryImport pass arguments straight through (no stubs), and makes
// `bool` a plain 1-byte value, matching C's _Bool in parameters and struct fields alike.
[assembly: DisableRuntimeMarshalling]
