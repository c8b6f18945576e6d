/* Test stand-in, for Debian's wine 8.0 only; never shipped. Windows 10 has bcryptprimitives.dll,
 * wine 8.0 does not, and every Rust extension (cryptography, pyrage, python-calamine) imports its
 * ProcessPrng. This one answers from the system random generator that wine does have. */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
