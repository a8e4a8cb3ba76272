// Native log lines go to a host-provided callback (the managed layer routes them to ILogger).
#pragma once
#include <sstream>

#include "ember/ember.h"

namespace ember {

void set_log_callback(ember_log_fn fn, void *user_data, ember_log_level min_level);
bool log_enabled(ember_log_level level);
void log_line(ember_log_level level, const char *message);

template <typename... Args>
void log_message(ember_log_level level, const Args &...args) {
    if (!log_enabled(level)) return;
    std::ostringstream os;
    (os << ... << args);
    log_line(level, os.str().c_str());
}

}  // namespace ember
