// expect: label_listed_twice
#include <iceaxe/iceaxe.hpp>

enum class Status { draft, live, in_progress };
ICEAXE_ENUM(Status, draft, live, (in_progress, "live"))
