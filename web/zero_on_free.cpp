// Every C++ allocation in the browser build is overwritten with zeros when it is freed.
//
// Why: a kiosk session leaves temporaries all over the heap (a formatted "your code is …"
// line, a FHIR document's strings, a copy inside a container that grew). The code wipes what it
// knows holds PHI, but freed memory would otherwise keep the rest until something happens to
// reuse it, readable by anyone who can read the page's memory. Zeroing on free makes "nothing of
// the session stays in memory" true for what we did not think of, too. Natively the CLI works
// on files the user already holds, so it keeps the ordinary allocator.
//
// dlmalloc (emscripten's default) knows each block's usable size, so unsized deletes are wiped
// in full as well.
#include <malloc.h>
#include <sodium.h>

#include <cstdlib>
#include <new>

namespace {
void wipe_and_free(void* p) noexcept {
    if (!p) return;
    sodium_memzero(p, malloc_usable_size(p));
    std::free(p);
}
}  // namespace

void operator delete(void* p) noexcept { wipe_and_free(p); }
void operator delete[](void* p) noexcept { wipe_and_free(p); }
void operator delete(void* p, std::size_t) noexcept { wipe_and_free(p); }
void operator delete[](void* p, std::size_t) noexcept { wipe_and_free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { wipe_and_free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { wipe_and_free(p); }
