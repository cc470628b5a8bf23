// The built-in system-call profile: what -O2 weights the dispatch tree with when no --profile is
// given. Recorded by scripts/record-profile.sh over a spread of real workloads (docs/default-profile.md)
// and shipped as backend/default-profile.txt (`name weight` lines), embedded at build time.
#pragma once

#include "backend/profile.h"
#include "target/target.h"

namespace secco::backend {

// The built-in profile with names resolved for `target` (names it lacks are left out).
Profile default_profile(const Target& target);

}  // namespace secco::backend
