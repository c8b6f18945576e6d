/* Test stand-in, for Debian's wine 8.0 only; never shipped. Qt 6 for Windows uses the ICU that
 * Windows 10 carries in system32 (icuuc.dll) for QStringConverter's extra codecs; wine has none.
 * Here every converter is "not available", so Qt keeps to its own UTF-8/UTF-16/Latin-1 codecs,
 * which is all the program uses. */
#include <stddef.h>
#include <stdint.h>

typedef int UErrorCode;
#define U_FILE_ACCESS_ERROR 4
typedef void UConverter;

static void fail(UErrorCode *err) { if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR; }

__declspec(dllexport) UConverter *ucnv_open(const char *name, UErrorCode *err) { (void)name; fail(err); return NULL; }
__declspec(dllexport) void ucnv_close(UConverter *c) { (void)c; }
__declspec(dllexport) void ucnv_reset(UConverter *c) { (void)c; }
__declspec(dllexport) int8_t ucnv_getMaxCharSize(const UConverter *c) { (void)c; return 4; }
__declspec(dllexport) const char *ucnv_getName(const UConverter *c, UErrorCode *err) { (void)c; fail(err); return NULL; }
__declspec(dllexport) void ucnv_getToUCallBack(const UConverter *c, void **a, const void **b) { (void)c; if (a) *a = NULL; if (b) *b = NULL; }
__declspec(dllexport) void ucnv_getFromUCallBack(const UConverter *c, void **a, const void **b) { (void)c; if (a) *a = NULL; if (b) *b = NULL; }
__declspec(dllexport) void ucnv_setToUCallBack(UConverter *c, void *n, const void *nc, void **o, const void **oc, UErrorCode *err) { (void)c; (void)n; (void)nc; (void)o; (void)oc; fail(err); }
__declspec(dllexport) void ucnv_setFromUCallBack(UConverter *c, void *n, const void *nc, void **o, const void **oc, UErrorCode *err) { (void)c; (void)n; (void)nc; (void)o; (void)oc; fail(err); }
__declspec(dllexport) void ucnv_cbToUWriteUChars(void *a, const void *s, int32_t l, int32_t o, UErrorCode *err) { (void)a; (void)s; (void)l; (void)o; fail(err); }
__declspec(dllexport) void ucnv_cbFromUWriteUChars(void *a, const void **s, const void *e, int32_t o, UErrorCode *err) { (void)a; (void)s; (void)e; (void)o; fail(err); }
__declspec(dllexport) void ucnv_toUnicode(UConverter *c, void **t, const void *tl, const char **s, const char *sl, int32_t *o, int8_t f, UErrorCode *err) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; fail(err); }
__declspec(dllexport) void ucnv_fromUnicode(UConverter *c, char **t, const char *tl, const void **s, const void *sl, int32_t *o, int8_t f, UErrorCode *err) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; fail(err); }
__declspec(dllexport) int32_t ucnv_toUCountPending(const UConverter *c, UErrorCode *err) { (void)c; fail(err); return 0; }
__declspec(dllexport) int32_t ucnv_fromUCountPending(const UConverter *c, UErrorCode *err) { (void)c; fail(err); return 0; }
__declspec(dllexport) const char *ucnv_getStandardName(const char *n, const char *s, UErrorCode *err) { (void)n; (void)s; fail(err); return NULL; }
__declspec(dllexport) const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
__declspec(dllexport) int32_t ucnv_countAvailable(void) { return 0; }
__declspec(dllexport) void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) { }
__declspec(dllexport) void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) { }
