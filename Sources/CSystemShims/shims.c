#include "CSystemShims.h"
// Declarations only; the definitions come from glibc.
