/* Test stand-in, for Debian's wine 8.0 only; never shipped. Wine 8.0's ucrtbase leaves the C99
 * complex functions unimplemented (crealf aborts the process), and numpy imports 35 of them from
 * api-ms-win-crt-math-l1-1-0.dll. This proxy of that DLL implements them here, with MSVC's
 * _Fcomplex/_Dcomplex layouts (long double is double on Windows), and forwards every other name
 * to wine's ucrtbase (the forwards are written by build-windows.sh into the .def file). */
#include <complex.h>
#include <math.h>

typedef struct { float v[2]; } Fc;
typedef struct { double v[2]; } Dc;

static double complex D(Dc z) { return z.v[0] + z.v[1] * I; }
static Dc d(double complex z) { Dc r = {{creal(z), cimag(z)}}; return r; }
static float complex F(Fc z) { return z.v[0] + z.v[1] * I; }
static Fc f(float complex z) { Fc r = {{crealf(z), cimagf(z)}}; return r; }

#define D1(name) Dc p_##name(Dc z) { return d(name(D(z))); } Dc p_##name##l(Dc z) { return d(name(D(z))); } \
                 Fc p_##name##f(Fc z) { return f(name##f(F(z))); }
D1(cexp) D1(ccos) D1(ccosh) D1(csin) D1(csinh) D1(ctan) D1(ctanh)

double p_creal(Dc z) { return z.v[0]; }
double p_creall(Dc z) { return z.v[0]; }
float p_crealf(Fc z) { return z.v[0]; }
double p_cimag(Dc z) { return z.v[1]; }
double p_cimagl(Dc z) { return z.v[1]; }
float p_cimagf(Fc z) { return z.v[1]; }
double p_carg(Dc z) { return atan2(z.v[1], z.v[0]); }
double p_cargl(Dc z) { return atan2(z.v[1], z.v[0]); }
float p_cargf(Fc z) { return atan2f(z.v[1], z.v[0]); }
double p_cabsl(Dc z) { return hypot(z.v[0], z.v[1]); }
float p_cabsf(Fc z) { return hypotf(z.v[0], z.v[1]); }
Dc p_cpow(Dc a, Dc b) { return d(cpow(D(a), D(b))); }
Dc p_cpowl(Dc a, Dc b) { return d(cpow(D(a), D(b))); }
Fc p_cpowf(Fc a, Fc b) { return f(cpowf(F(a), F(b))); }
