//go:build cgo && linux

package app

/*
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
static void pingce_trim(void) { malloc_trim(0); }
#else
static void pingce_trim(void) {}
#endif
*/
import "C"

// trimCHeap returns the C heap's free pages to the system (glibc's
// malloc_trim; nothing with another C library).
func trimCHeap() { C.pingce_trim() }
