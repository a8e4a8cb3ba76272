// An F# script that takes Ember from the local package feed (./build.sh consumer-tests fills in
// @FEED@ and @EMBER_VERSION@) and fits y = 3x - 2 with SGD; prints "final loss: X".
#i "nuget: @FEED@"
#r "nuget: Ember, @EMBER_VERSION@"

open Ember
open Ember.Native
open Ember.NN
open Ember.Optim

Tensor.ManualSeed 1UL
let x = Tensor.Randn(256L, 1L)
let y = x * 3.0 - 2.0
let model = new Linear(1L, 1L)
let sgd = new SGD(model.Parameters(), lr = 0.2)
let mutable loss = nan
for _ in 1 .. 100 do
    use _scope = DisposeScope.Begin()
    sgd.ZeroGrad()
    let l = Functional.MseLoss(model.Forward x, y)
    l.Backward()
    sgd.Step()
    loss <- float (l.Item<float32>())
printfn "weight: %.4f, bias: %.4f" (model.Weight.Item<float32>()) (model.Bias.Item<float32>())
printfn "native library: %s" NativeLibraryResolver.LoadedPath
printfn "final loss: %.3e" loss
// Where the loader took the native libraries from (the package folder, not the system).
for line in System.IO.File.ReadAllLines "/proc/self/maps" |> Array.map (fun l -> l.Split(' ', System.StringSplitOptions.RemoveEmptyEntries)) |> Array.filter (fun f -> f.Length >= 6) |> Array.map (fun f -> f.[5]) |> Array.distinct |> Array.filter (fun p -> p.Contains "libember" || p.Contains "libdnnl") do
    printfn "mapped: %s" line
