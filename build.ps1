<#
.SYNOPSIS
  Ember build driver for Windows: the same steps as build.sh.

.DESCRIPTION
  .\build.ps1 run      build everything and run the main example
  .\build.ps1 test     build everything and run every test suite
  Other commands: native, bindings, check-bindings, managed, ctest, native-examples, dotnet-test,
  pack, example-check, clean.
  $env:EMBER_TEST_EXAMPLES = 1 makes `test` also run the examples as tests (as build.sh).

  The examples read Fashion-MNIST (the IDX files, gzipped or not) from -FashionMnistDir and the
  text for the language model from -TextFile (on Debian these come from packages).

  Native dependencies: Visual Studio 2022 Build Tools with C++ and its "C++ Clang tools" (the
  kernels are compiled with clang-cl), CMake 3.25+, and oneDNN,
  SLEEF and GoogleTest, taken either from a vcpkg installation (-Vcpkg C:\vcpkg, which installs
  "onednn sleef gtest" for x64-windows) or from prefixes you pass with -DnnlRoot / -SleefRoot /
  -GTestRoot. clang (for the bindings generator) comes with Visual Studio's "C++ Clang tools"
  or LLVM; set EMBER_CLANG to its path if it is not on PATH.

  pack packs the NuGet packages for win-x64 into $BuildDir\packages (see Invoke-Pack and
  docs/packaging.md); -LinuxPackages names the feed of a Linux `./build.sh pack` of the same
  version, whose Ember.Runtime.linux-x64 then becomes a second dependency of Ember.Native.

  This script mirrors build.sh; it is kept in step with it but cannot be run in our Linux CI.
#>
param(
  [Parameter(Position = 0, ValueFromRemainingArguments = $true)] [string[]] $Commands = @('test'),
  [string] $BuildDir = (Join-Path $PSScriptRoot 'build'),
  [string] $Config = 'Release',
  [string] $Vcpkg = $env:VCPKG_ROOT,
  [string] $DnnlRoot,
  [string] $SleefRoot,
  [string] $GTestRoot,
  [string] $FashionMnistDir,
  [string] $TextFile,
  [string] $LinuxPackages,
  [switch] $NoDeps
)
$ErrorActionPreference = 'Stop'
$Root = $PSScriptRoot
$ResultsDir = Join-Path $BuildDir 'test-results'
$Header = Join-Path $Root 'native/include/ember/ember.h'
$Bindings = Join-Path $Root 'bindings/Ember.Native/NativeMethods.g.cs'
$Generator = Join-Path $Root 'bindings/generator'

function Log($msg) { Write-Host "==> $msg" -ForegroundColor Cyan }
function Invoke-Checked { param([scriptblock] $Block) & $Block; if ($LASTEXITCODE -ne 0) { throw "command failed ($LASTEXITCODE): $Block" } }

function Invoke-Deps {
  if ($NoDeps) { Log 'skipping dependency installation (-NoDeps)'; return }
  if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) { throw 'the .NET SDK (10.0) is required' }
  if ($Vcpkg) {
    Log "installing onednn, sleef and gtest with vcpkg ($Vcpkg)"
    Invoke-Checked { & (Join-Path $Vcpkg 'vcpkg.exe') install onednn:x64-windows sleef:x64-windows gtest:x64-windows }
  }
}

function Invoke-Native {
  Log "building the native runtime ($Config) in $BuildDir"
  # clang-cl (Visual Studio's ClangCL toolset): the kernels use GCC/Clang vector extensions and
  # per-function ISA selection that MSVC's own compiler does not offer.
  $args = @('-S', $Root, '-B', $BuildDir, '-G', 'Visual Studio 17 2022', '-A', 'x64', '-T', 'ClangCL', '-DEMBER_BUILD_TESTS=ON')
  if ($Vcpkg) { $args += "-DCMAKE_TOOLCHAIN_FILE=$(Join-Path $Vcpkg 'scripts/buildsystems/vcpkg.cmake')" }
  $prefixes = @($DnnlRoot, $SleefRoot, $GTestRoot) | Where-Object { $_ }
  if ($prefixes) { $args += "-DCMAKE_PREFIX_PATH=$($prefixes -join ';')" }
  Invoke-Checked { cmake @args }
  Invoke-Checked { cmake --build $BuildDir --config $Config --parallel }
}

function Invoke-Bindings { Log 'regenerating the P/Invoke bindings'; Invoke-Checked { dotnet run --project $Generator -c Release -- $Header $Bindings } }
function Invoke-CheckBindings { Log 'checking the bindings are in sync with ember.h'; Invoke-Checked { dotnet run --project $Generator -c Release -- --check $Header $Bindings } }
function Invoke-Managed { Log 'building the .NET solution'; Invoke-Checked { dotnet build (Join-Path $Root 'Bindings.sln') -c $Config -nologo -v:q } }

function Save-Count($name, $passed, $failed) {
  New-Item -ItemType Directory -Force $ResultsDir | Out-Null
  Set-Content (Join-Path $ResultsDir "$name.count") "$passed $failed"
}

function Invoke-CTest {
  Log 'running native tests (CTest)'
  Push-Location $BuildDir
  try { $out = ctest -C $Config --output-on-failure 2>&1 | Out-String; $rc = $LASTEXITCODE } finally { Pop-Location }
  Write-Host $out
  if ($out -match 'tests passed, (\d+) tests failed out of (\d+)') { Save-Count 'ctest' ([int]$Matches[2] - [int]$Matches[1]) ([int]$Matches[1]) }
  else { Save-Count 'ctest' 0 1 }
  return $rc -eq 0
}

# Installs the native build into $BuildDir/install and builds examples/native against that
# installed tree through the CMake package (find_package(Ember) -> Ember::ember), then runs each
# program as one test (it checks its own final loss and passes when it exits 0). Tool output goes
# to the host, not into the function's result. Windows has no rpath: the installed bin folder
# goes first on PATH, then the dependencies' DLL folders (vcpkg, -DnnlRoot, -SleefRoot).
# build.sh also builds the C example with pkg-config; that is left out here (pkg-config's flags
# are not MSVC's).
function Invoke-NativeExamples {
  $prefix = Join-Path $BuildDir 'install'
  $dir = Join-Path $BuildDir 'native-examples'
  Log "installing the native runtime into $prefix"
  Remove-Item -Recurse -Force $prefix, $dir -ErrorAction SilentlyContinue
  New-Item -ItemType Directory -Force $ResultsDir | Out-Null
  $built = $false
  cmake --install $BuildDir --prefix $prefix --config $Config | Out-Host
  if ($LASTEXITCODE -eq 0) {
    Log 'building examples/native against the installed tree (find_package(Ember))'
    cmake -S (Join-Path $Root 'examples/native') -B $dir -G 'Visual Studio 17 2022' -A x64 "-DCMAKE_PREFIX_PATH=$prefix" -DCMAKE_COMPILE_WARNING_AS_ERROR=ON | Out-Host
    if ($LASTEXITCODE -eq 0) { cmake --build $dir --config $Config --parallel | Out-Host; $built = $LASTEXITCODE -eq 0 }
  }
  $dllDirs = @((Join-Path $prefix 'bin'))
  if ($Vcpkg) { $dllDirs += Join-Path $Vcpkg 'installed/x64-windows/bin' }
  $dllDirs += @(@($DnnlRoot, $SleefRoot) | Where-Object { $_ } | ForEach-Object { Join-Path $_ 'bin' })
  $savedPath = $env:Path
  $env:Path = (($dllDirs + $env:Path) -join ';')
  $ok = $true
  try {
    foreach ($example in @(@('native-example-c', 'train_linear_c'), @('native-example-cpp', 'train_mlp_cpp'))) {
      $name, $program = $example
      $exe = Join-Path $dir "$Config/$program.exe"
      Log "example: $exe"
      $passed = $false
      if ($built -and (Test-Path $exe)) {
        $out = & $exe 2>&1 | Out-String
        $passed = ($LASTEXITCODE -eq 0) -and ($out -match '(?m)^final loss: ')
        Write-Host $out
        Set-Content (Join-Path $ResultsDir "$name.log") $out
      }
      if ($passed) { Save-Count $name 1 0 } else { Log "$name failed"; Save-Count $name 0 1; $ok = $false }
    }
  } finally { $env:Path = $savedPath }
  return $ok
}

function Invoke-DotnetTest {
  $ok = $true
  $env:EMBER_NATIVE_PATH = Join-Path $BuildDir "bin/$Config"
  foreach ($proj in Get-ChildItem (Join-Path $Root 'tests') -Recurse -Include *.csproj, *.fsproj) {
    $name = [IO.Path]::GetFileNameWithoutExtension($proj.Name)
    Log "running $name"
    $trx = Join-Path $ResultsDir "$name.trx"
    dotnet test $proj.FullName -c $Config -nologo -v:q --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal'
    if ($LASTEXITCODE -ne 0) { $ok = $false }
    if (Test-Path $trx) {
      $c = ([xml](Get-Content $trx)).TestRun.ResultSummary.Counters
      Save-Count $name ([int]$c.passed) ([int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted)
    } else { Save-Count $name 0 1 }
  }
  return $ok
}

# The folders the native build's DLL dependencies come from: vcpkg's bin, the -DnnlRoot and
# -SleefRoot prefixes' bin, Visual Studio's LLVM (libomp.dll: clang-cl's OpenMP runtime) and, in a
# Developer PowerShell, the Visual C++ runtime redistributables (vcruntime140*.dll, msvcp140.dll).
function Get-DependencyDirs {
  $dirs = @()
  if ($Vcpkg) { $dirs += Join-Path $Vcpkg 'installed/x64-windows/bin' }
  $dirs += @(@($DnnlRoot, $SleefRoot) | Where-Object { $_ } | ForEach-Object { Join-Path $_ 'bin' })
  if ($env:VCINSTALLDIR) { $dirs += Join-Path $env:VCINSTALLDIR 'Tools/Llvm/x64/bin' }
  if ($env:VCToolsRedistDir) { $dirs += @(Get-ChildItem (Join-Path $env:VCToolsRedistDir 'x64') -Directory -Filter 'Microsoft.VC*.CRT' -ErrorAction SilentlyContinue | ForEach-Object FullName) }
  return @($dirs | Where-Object { Test-Path $_ })
}

# The DLL names a PE file imports, read with dumpbin (Visual Studio) or llvm-objdump (its Clang tools, or LLVM).
function Get-ImportedDlls($File) {
  if (Get-Command dumpbin -ErrorAction SilentlyContinue) {
    return @(dumpbin /nologo /dependents $File | ForEach-Object { if ($_ -match '^\s+(\S+\.dll)\s*$') { $Matches[1] } })
  }
  $objdump = Get-Command llvm-objdump -ErrorAction SilentlyContinue
  if (-not $objdump -and $env:VCINSTALLDIR) { $objdump = Get-Command (Join-Path $env:VCINSTALLDIR 'Tools/Llvm/x64/bin/llvm-objdump.exe') -ErrorAction SilentlyContinue }
  if (-not $objdump) { throw 'neither dumpbin nor llvm-objdump was found: run from a Developer PowerShell for Visual Studio' }
  return @(& $objdump -p $File | ForEach-Object { if ($_ -match 'DLL Name:\s*(\S+\.dll)') { $Matches[1] } })
}

# The packages' version: $env:EMBER_VERSION, else packaging/Ember.Packaging.props's EmberVersion.
function Get-EmberVersion {
  if ($env:EMBER_VERSION) { return $env:EMBER_VERSION }
  $m = Select-String -Path (Join-Path $Root 'packaging/Ember.Packaging.props') -Pattern '<EmberVersion[^>]*>([^<]+)<' | Select-Object -First 1
  return $m.Matches[0].Groups[1].Value
}

# build.sh pack for win-x64: packs the NuGet packages into $BuildDir\packages (a local folder feed),
# all at one version. Ember.Runtime.win-x64 gets ember.dll from $BuildDir\bin\$Config (run
# `native` first; no CMake build here) and, found by walking the imports of each staged DLL (as
# build.sh walks ldd's output), every DLL it needs from Get-DependencyDirs (oneDNN, SLEEF, libomp,
# the VC++ runtime); system DLLs are in none of those folders and are left out. Windows has no
# RUNPATH: the DLLs sit side by side, and the .NET runtime loads ember.dll by its full path with
# LOAD_WITH_ALTERED_SEARCH_PATH, which makes Windows look for its dependencies in that folder.
# Then Ember.Native (depending on Ember.Runtime.win-x64 and, with -LinuxPackages, on the Linux
# feed's Ember.Runtime.linux-x64, copied in), Ember and Ember.FSharp (+ .snupkg).
function Invoke-Pack {
  $feed = Join-Path $BuildDir 'packages'
  $stage = Join-Path $BuildDir 'packaging/native/win-x64'
  $dll = Join-Path $BuildDir "bin/$Config/ember.dll"
  if (-not (Test-Path $dll)) { throw "$dll does not exist: build the native runtime first (.\build.ps1 native)" }
  $version = Get-EmberVersion
  Log "staging the native runtime in $stage"
  Remove-Item -Recurse -Force $feed, $stage -ErrorAction SilentlyContinue
  New-Item -ItemType Directory -Force $feed, $stage | Out-Null
  Copy-Item $dll $stage
  $dirs = Get-DependencyDirs
  $queue = [System.Collections.Generic.Queue[string]]::new()
  $queue.Enqueue((Join-Path $stage 'ember.dll'))
  while ($queue.Count -gt 0) {
    foreach ($name in Get-ImportedDlls $queue.Dequeue()) {
      if (Test-Path (Join-Path $stage $name)) { continue }
      $found = $dirs | ForEach-Object { Join-Path $_ $name } | Where-Object { Test-Path $_ } | Select-Object -First 1
      if ($found) { Copy-Item $found $stage; $queue.Enqueue((Join-Path $stage $name)) }
    }
  }
  Get-ChildItem $stage | Format-Table Name, Length | Out-Host
  $props = @("-p:EmberNativeDir=$stage", "-p:RepositoryCommit=$(git -C $Root rev-parse HEAD)")
  if ($env:EMBER_VERSION) { $props += "-p:EmberVersion=$env:EMBER_VERSION" }
  if ($env:EMBER_REPOSITORY_URL) { $props += "-p:RepositoryUrl=$env:EMBER_REPOSITORY_URL" }
  Log 'packing Ember.Runtime.win-x64'
  Invoke-Checked { dotnet pack (Join-Path $Root 'packaging/Ember.Runtime.win-x64/Ember.Runtime.win-x64.csproj') -c $Config -nologo -v:q -o $feed @props }
  # As in build.sh, the global properties reach the projects referencing Ember.Native too.
  $props += @('-p:EmberPackRuntimeWinX64=true', "-p:RestoreAdditionalProjectSources=$feed")
  if ($LinuxPackages) {
    $linux = Join-Path $LinuxPackages "Ember.Runtime.linux-x64.$version.nupkg"
    if (-not (Test-Path $linux)) { throw "$linux does not exist: -LinuxPackages must be the feed of ./build.sh pack at version $version" }
    Copy-Item $linux $feed
    $props += '-p:EmberPackRuntimeDependency=true'
  }
  foreach ($proj in 'bindings/Ember.Native/Ember.Native.csproj', 'managed/Ember/Ember.csproj', 'managed/Ember.FSharp/Ember.FSharp.fsproj') {
    Log "packing $proj"
    Invoke-Checked { dotnet pack (Join-Path $Root $proj) -c $Config -nologo -v:q -o $feed @props }
  }
  Get-ChildItem $feed | Format-Table Name, Length | Out-Host
}

function Write-Summary {
  $passed = 0; $failed = 0
  foreach ($f in Get-ChildItem $ResultsDir -Filter *.count -ErrorAction SilentlyContinue) {
    $p, $q = (Get-Content $f.FullName).Split(' ')
    Write-Host ('  {0,-28} {1,6} passed {2,4} failed' -f $f.BaseName, $p, $q)
    $passed += [int]$p; $failed += [int]$q
  }
  Write-Host "$passed passed, $failed failed"
  return $failed -eq 0
}

function Invoke-Test {
  Invoke-Deps; Invoke-Native; Invoke-CheckBindings; Invoke-Managed
  Remove-Item -Recurse -Force $ResultsDir -ErrorAction SilentlyContinue
  $ok = Invoke-CTest
  $ok = (Invoke-NativeExamples) -and $ok
  $ok = (Invoke-DotnetTest) -and $ok
  if ($env:EMBER_TEST_EXAMPLES -eq '1') { $ok = (Invoke-ExampleCheck) -and $ok }
  $ok = (Write-Summary) -and $ok
  if (-not $ok) { exit 1 }
}

# Runs examples/<Project> with the given arguments; returns its exit code and output.
function Invoke-Example($Project, [string[]] $Arguments) {
  $env:EMBER_NATIVE_PATH = Join-Path $BuildDir "bin/$Config"
  $out = dotnet run --project (Join-Path $Root "examples/$Project") -c $Config --no-build -- @Arguments 2>&1 | Out-String
  Write-Host $out
  return @($LASTEXITCODE, $out)
}

function Get-DataArguments($Project) {
  if ($Project -in 'FashionMnist', 'FSharpTraining' -and $FashionMnistDir) { return @('--data', $FashionMnistDir) }
  if ($Project -eq 'CharTransformer' -and $TextFile) { return @('--text', $TextFile) }
  return @()
}

# One example as one test: passes when the number its output matches ($Pattern's first group) satisfies $Check.
function Test-Example($Name, $Project, [string[]] $Arguments, $Pattern, [scriptblock] $Check) {
  Log "example: $Project"
  $rc, $out = Invoke-Example $Project ((Get-DataArguments $Project) + $Arguments)
  $ok = ($rc -eq 0) -and ($out -match $Pattern) -and (& $Check ([double]$Matches[1]))
  if ($ok) { Save-Count $Name 1 0 } else { Log "$Name failed (exit $rc)"; Save-Count $Name 0 1 }
  return $ok
}

function Invoke-ExampleCheck {
  $min = if ($env:EMBER_MIN_ACCURACY) { [double]$env:EMBER_MIN_ACCURACY } else { 91 }
  $ok = Test-Example 'example-fashion-mnist' 'FashionMnist' @('--checkpoint', (Join-Path $BuildDir 'fashion-mnist.ckpt')) '(?m)^test accuracy: ([0-9.]+)%' { param($x) $x -ge $min }
  $ok = (Test-Example 'example-cartpole' 'CartPole' @() '(?m)^solved: running reward ([0-9.]+)' { param($x) $x -ge 475 }) -and $ok
  $ok = (Test-Example 'example-char-transformer' 'CharTransformer' @('--steps', '150', '--eval-every', '75', '--sample-length', '200') '(?m)^validation loss: ([0-9.]+)' { param($x) $x -lt 2.6 }) -and $ok
  $ok = (Test-Example 'example-fsharp-training' 'FSharpTraining' @('--limit', '10000') '(?m)^test accuracy: ([0-9.]+)%' { param($x) $x -ge 75 }) -and $ok
  return $ok
}

function Invoke-Run {
  Invoke-Deps; Invoke-Native; Invoke-Managed
  $rc, $out = Invoke-Example 'FashionMnist' (Get-DataArguments 'FashionMnist')
  if ($rc -ne 0) { exit $rc }
}

foreach ($c in $Commands) {
  switch ($c) {
    'deps' { Invoke-Deps }
    'native' { Invoke-Native }
    'bindings' { Invoke-Bindings }
    'check-bindings' { Invoke-CheckBindings }
    'managed' { Invoke-Managed }
    'ctest' { Invoke-CTest | Out-Null }
    'native-examples' { Invoke-NativeExamples | Out-Null }
    'dotnet-test' { Invoke-DotnetTest | Out-Null }
    'pack' { Invoke-Pack }
    'example-check' { Invoke-ExampleCheck | Out-Null }
    'test' { Invoke-Test }
    'run' { Invoke-Run }
    'clean' { Remove-Item -Recurse -Force $BuildDir -ErrorAction SilentlyContinue }
    default { throw "unknown command '$c'" }
  }
}
