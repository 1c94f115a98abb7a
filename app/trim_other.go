//go:build !cgo || !linux

package app

// trimCHeap does nothing here: without cgo there is no C heap to speak of,
// and other systems' allocators give free pages back by themselves.
func trimCHeap() {}
