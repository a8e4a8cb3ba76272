#pragma once
#include <cstdint>

#include "core/error.h"
#include "ember/ember.h"

namespace ember {

enum class DeviceType : int8_t { CPU = EMBER_DEVICE_CPU, CUDA = EMBER_DEVICE_CUDA, HIP = EMBER_DEVICE_HIP };
inline constexpr int kNumDeviceTypes = 3;

struct Device {
    DeviceType type = DeviceType::CPU;
    int32_t index = 0;
    bool operator==(const Device &) const = default;
    bool is_cpu() const { return type == DeviceType::CPU; }
    static Device cpu() { return {}; }
    static Device from_c(ember_device d) {
        EMBER_CHECK(d.type >= 0 && d.type < kNumDeviceTypes, InvalidArgument, "invalid device type ", static_cast<int>(d.type));
        EMBER_CHECK(d.index >= 0, InvalidArgument, "invalid device index ", d.index);
        if (d.type == EMBER_DEVICE_CPU) return Device{};  // the CPU is one device whatever the index
        return Device{static_cast<DeviceType>(d.type), d.index};
    }
    ember_device to_c() const { return ember_device{static_cast<ember_device_type>(type), index}; }
    const char *type_name() const {
        switch (type) {
            case DeviceType::CPU: return "cpu";
            case DeviceType::CUDA: return "cuda";
            case DeviceType::HIP: return "hip";
        }
        return "?";
    }
};

}  // namespace ember
