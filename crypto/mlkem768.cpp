#include "crypto/mlkem768.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "crypto/keccak.hpp"

namespace glass::crypto::mlkem768 {

namespace {

constexpr int kK = 3;
constexpr int kEta = 2;  // eta1 = eta2 = 2 for ML-KEM-768
constexpr int kDu = 10;
constexpr int kDv = 4;
constexpr std::uint32_t kQ = 3329;
constexpr std::size_t kPolyBytes = 384;  // 256 coefficients x 12 bits

using Poly = std::array<std::uint16_t, 256>;  // coefficients in [0, q)
using Vec = std::array<Poly, kK>;

// ---- arithmetic mod q, all branch-free ----

// r < 2q -> r mod q.
inline std::uint16_t csub(std::uint32_t r) {
  const std::uint32_t t = r - kQ;
  const std::uint32_t mask = 0u - (t >> 31);  // all ones when r < q
  return static_cast<std::uint16_t>(t + (mask & kQ));
}

// Barrett reduction for x < 2^31: the estimate floor(x * floor(2^32/q) / 2^32)
// is at most one short, so one conditional subtraction finishes.
constexpr std::uint64_t kBarrett = (std::uint64_t{1} << 32) / kQ;
inline std::uint16_t reduce(std::uint32_t x) {
  const auto quot = static_cast<std::uint32_t>((x * kBarrett) >> 32);
  return csub(x - quot * kQ);
}

inline std::uint16_t mul(std::uint32_t a, std::uint32_t b) { return reduce(a * b); }
inline std::uint16_t add(std::uint32_t a, std::uint32_t b) { return csub(a + b); }
inline std::uint16_t sub(std::uint32_t a, std::uint32_t b) { return csub(a + kQ - b); }

// ---- NTT constants: zeta = 17, a primitive 256th root of unity mod q ----

constexpr unsigned bitrev7(unsigned i) {
  unsigned r = 0;
  for (int b = 0; b < 7; ++b) r |= ((i >> b) & 1) << (6 - b);
  return r;
}

constexpr std::uint32_t pow17(unsigned e) {
  std::uint32_t r = 1;
  for (unsigned i = 0; i < e; ++i) r = r * 17 % kQ;
  return r;
}

constexpr std::array<std::uint16_t, 128> make_zetas() {
  std::array<std::uint16_t, 128> z{};
  for (unsigned i = 0; i < 128; ++i) z[i] = static_cast<std::uint16_t>(pow17(bitrev7(i)));
  return z;
}
constexpr std::array<std::uint16_t, 128> make_gammas() {
  std::array<std::uint16_t, 128> g{};
  for (unsigned i = 0; i < 128; ++i) g[i] = static_cast<std::uint16_t>(pow17(2 * bitrev7(i) + 1));
  return g;
}
constexpr auto kZetas = make_zetas();
constexpr auto kGammas = make_gammas();
static_assert(pow17(128) == kQ - 1, "17 must have order 256 mod q");
constexpr std::uint32_t kInv128 = 3303;  // 128^-1 mod q
static_assert(kInv128 * 128 % kQ == 1);

// Algorithm 9.
void ntt(Poly& f) {
  unsigned i = 1;
  for (unsigned len = 128; len >= 2; len /= 2)
    for (unsigned start = 0; start < 256; start += 2 * len) {
      const std::uint32_t zeta = kZetas[i++];
      for (unsigned j = start; j < start + len; ++j) {
        const std::uint16_t t = mul(zeta, f[j + len]);
        f[j + len] = sub(f[j], t);
        f[j] = add(f[j], t);
      }
    }
}

// Algorithm 10.
void ntt_inverse(Poly& f) {
  unsigned i = 127;
  for (unsigned len = 2; len <= 128; len *= 2)
    for (unsigned start = 0; start < 256; start += 2 * len) {
      const std::uint32_t zeta = kZetas[i--];
      for (unsigned j = start; j < start + len; ++j) {
        const std::uint16_t t = f[j];
        f[j] = add(t, f[j + len]);
        f[j + len] = mul(zeta, sub(f[j + len], t));
      }
    }
  for (auto& c : f) c = mul(c, kInv128);
}

// Algorithms 11 and 12: h += f * g in the NTT domain.
void multiply_ntt_acc(Poly& h, const Poly& f, const Poly& g) {
  for (unsigned i = 0; i < 128; ++i) {
    const std::uint32_t a0 = f[2 * i], a1 = f[2 * i + 1], b0 = g[2 * i], b1 = g[2 * i + 1];
    const std::uint16_t c0 = add(mul(a0, b0), mul(mul(a1, b1), kGammas[i]));
    const std::uint16_t c1 = add(mul(a0, b1), mul(a1, b0));
    h[2 * i] = add(h[2 * i], c0);
    h[2 * i + 1] = add(h[2 * i + 1], c1);
  }
}

// ---- compression (4.2.1): rounding done with Barrett, never a divide ----

// round(2^d x / q) mod 2^d. 2^d x / q is never exactly half an integer (q is
// odd), so round(a / q) = floor((a + (q - 1) / 2) / q).
inline std::uint16_t compress(std::uint16_t x, int d) {
  const std::uint32_t a = (std::uint32_t{x} << d) + (kQ - 1) / 2;
  auto quot = static_cast<std::uint32_t>((a * kBarrett) >> 32);
  const std::uint32_t r = a - quot * kQ;          // in [0, 2q)
  quot += ((kQ - 1 - r) >> 31) & 1;               // one more when r >= q
  return static_cast<std::uint16_t>(quot & ((1u << d) - 1));
}

// round(q y / 2^d).
inline std::uint16_t decompress(std::uint16_t y, int d) {
  return static_cast<std::uint16_t>((std::uint32_t{y} * kQ + (1u << (d - 1))) >> d);
}

// ---- byte encoding (Algorithms 5 and 6), little-endian bit order ----

void byte_encode(const Poly& f, int d, std::uint8_t* out) {
  std::uint32_t acc = 0;
  int bits = 0;
  std::size_t o = 0;
  for (auto c : f) {
    acc |= std::uint32_t{c} << bits;
    bits += d;
    while (bits >= 8) {
      out[o++] = static_cast<std::uint8_t>(acc);
      acc >>= 8;
      bits -= 8;
    }
  }
}

// For d = 12 the values are reduced mod q (FIPS 203: m = q), for d < 12 mod 2^d.
void byte_decode(const std::uint8_t* in, int d, Poly& f) {
  std::uint32_t acc = 0;
  int bits = 0;
  std::size_t o = 0;
  const std::uint32_t mask = (1u << d) - 1;
  for (auto& c : f) {
    while (bits < d) {
      acc |= std::uint32_t{in[o++]} << bits;
      bits += 8;
    }
    const std::uint32_t v = acc & mask;
    acc >>= d;
    bits -= d;
    c = d == 12 ? csub(v) : static_cast<std::uint16_t>(v);
  }
}

// ---- sampling ----

// Algorithm 7: rejection sampling from SHAKE128(rho || j || i); rho is public.
void sample_ntt(const std::uint8_t* rho, std::uint8_t j, std::uint8_t i, Poly& a) {
  Shake128 xof;
  xof.absorb(ByteView(rho, 32));
  const std::uint8_t ji[2] = {j, i};
  xof.absorb(ByteView(ji, 2));
  std::uint8_t buf[168];
  std::size_t n = 0;
  while (n < 256) {
    xof.squeeze(MutByteView(buf, sizeof buf));
    for (std::size_t p = 0; p + 3 <= sizeof buf && n < 256; p += 3) {
      const std::uint16_t d1 = static_cast<std::uint16_t>(buf[p] | ((buf[p + 1] & 0x0f) << 8));
      const std::uint16_t d2 = static_cast<std::uint16_t>((buf[p + 1] >> 4) | (buf[p + 2] << 4));
      if (d1 < kQ) a[n++] = d1;
      if (d2 < kQ && n < 256) a[n++] = d2;
    }
  }
}

// Algorithm 8 with eta = 2 on PRF_2(s, b) = SHAKE256(s || b, 128 bytes).
void sample_cbd(const std::uint8_t* seed, std::uint8_t b, Poly& f) {
  std::uint8_t buf[64 * kEta];
  Shake256 prf;
  prf.absorb(ByteView(seed, 32));
  prf.absorb(ByteView(&b, 1));
  prf.squeeze(MutByteView(buf, sizeof buf));
  for (unsigned i = 0; i < 256; ++i) {
    const unsigned nib = (buf[i / 2] >> (4 * (i % 2))) & 0x0f;
    const unsigned x = (nib & 1) + ((nib >> 1) & 1);
    const unsigned y = ((nib >> 2) & 1) + ((nib >> 3) & 1);
    f[i] = sub(x, y);
  }
  core::secure_wipe(buf, sizeof buf);
}

// Holds every secret intermediate of one operation; wiped on the way out.
template <class T>
struct Wiped {
  T v{};
  ~Wiped() { core::secure_wipe(&v, sizeof v); }
};

struct Matrix {
  std::array<Vec, kK> a;  // a[i][j] = Â[i, j]
  explicit Matrix(const std::uint8_t* rho) {
    for (int i = 0; i < kK; ++i)
      for (int j = 0; j < kK; ++j)
        sample_ntt(rho, static_cast<std::uint8_t>(j), static_cast<std::uint8_t>(i), a[i][j]);
  }
};

// ---- K-PKE (Algorithms 13-15) ----

void pke_keygen(const std::uint8_t d[32], std::uint8_t ek[kEncapsKeySize],
                std::uint8_t dk_pke[kK * kPolyBytes]) {
  struct S {
    std::array<std::uint8_t, 64> g;
    Vec s, e, t;
  };
  Wiped<S> w;
  const std::uint8_t kbyte = kK;
  w.v.g = sha3_512(ByteView(d, 32), ByteView(&kbyte, 1));
  const std::uint8_t* rho = w.v.g.data();
  const std::uint8_t* sigma = w.v.g.data() + 32;
  Matrix m(rho);
  std::uint8_t n = 0;
  for (auto& p : w.v.s) sample_cbd(sigma, n++, p);
  for (auto& p : w.v.e) sample_cbd(sigma, n++, p);
  for (auto& p : w.v.s) ntt(p);
  for (auto& p : w.v.e) ntt(p);
  for (int i = 0; i < kK; ++i) {
    w.v.t[i] = w.v.e[i];
    for (int j = 0; j < kK; ++j) multiply_ntt_acc(w.v.t[i], m.a[i][j], w.v.s[j]);
    byte_encode(w.v.t[i], 12, ek + i * kPolyBytes);
    byte_encode(w.v.s[i], 12, dk_pke + i * kPolyBytes);
  }
  std::memcpy(ek + kK * kPolyBytes, rho, 32);
}

void pke_encrypt(const std::uint8_t ek[kEncapsKeySize], const std::uint8_t m[32],
                 const std::uint8_t r[32], std::uint8_t ct[kCiphertextSize]) {
  struct S {
    Vec t, y, e1, u;
    Poly e2, v, mu;
  };
  Wiped<S> w;
  for (int i = 0; i < kK; ++i) byte_decode(ek + i * kPolyBytes, 12, w.v.t[i]);
  Matrix a(ek + kK * kPolyBytes);
  std::uint8_t n = 0;
  for (auto& p : w.v.y) sample_cbd(r, n++, p);
  for (auto& p : w.v.e1) sample_cbd(r, n++, p);
  sample_cbd(r, n, w.v.e2);
  for (auto& p : w.v.y) ntt(p);
  for (int i = 0; i < kK; ++i) {
    w.v.u[i].fill(0);
    for (int j = 0; j < kK; ++j) multiply_ntt_acc(w.v.u[i], a.a[j][i], w.v.y[j]);  // Â^T
    ntt_inverse(w.v.u[i]);
    for (unsigned c = 0; c < 256; ++c) w.v.u[i][c] = compress(add(w.v.u[i][c], w.v.e1[i][c]), kDu);
    byte_encode(w.v.u[i], kDu, ct + i * 32 * kDu);
  }
  w.v.v.fill(0);
  for (int j = 0; j < kK; ++j) multiply_ntt_acc(w.v.v, w.v.t[j], w.v.y[j]);
  ntt_inverse(w.v.v);
  byte_decode(m, 1, w.v.mu);
  for (unsigned c = 0; c < 256; ++c) {
    const std::uint16_t mu = decompress(w.v.mu[c], 1);
    w.v.v[c] = compress(add(add(w.v.v[c], w.v.e2[c]), mu), kDv);
  }
  byte_encode(w.v.v, kDv, ct + kK * 32 * kDu);
}

void pke_decrypt(const std::uint8_t dk_pke[kK * kPolyBytes], const std::uint8_t ct[kCiphertextSize],
                 std::uint8_t m[32]) {
  struct S {
    Vec s, u;
    Poly v, w;
  };
  Wiped<S> w;
  for (int i = 0; i < kK; ++i) {
    byte_decode(ct + i * 32 * kDu, kDu, w.v.u[i]);
    for (auto& c : w.v.u[i]) c = decompress(c, kDu);
    ntt(w.v.u[i]);
    byte_decode(dk_pke + i * kPolyBytes, 12, w.v.s[i]);
  }
  byte_decode(ct + kK * 32 * kDu, kDv, w.v.v);
  w.v.w.fill(0);
  for (int i = 0; i < kK; ++i) multiply_ntt_acc(w.v.w, w.v.s[i], w.v.u[i]);
  ntt_inverse(w.v.w);
  for (unsigned c = 0; c < 256; ++c) w.v.w[c] = compress(sub(decompress(w.v.v[c], kDv), w.v.w[c]), 1);
  byte_encode(w.v.w, 1, m);
}

[[noreturn]] void caller_bug(const char* what) {
  std::fprintf(stderr, "glasstls: ML-KEM-768 %s\n", what);
  std::abort();
}

core::Error illegal(std::string why) {
  return core::make_error(core::Alert::illegal_parameter, std::move(why));
}

// Returns all ones when a == b, else zero, reading every byte.
std::uint8_t ct_equal_mask(const std::uint8_t* a, const std::uint8_t* b, std::size_t n) {
  std::uint32_t diff = 0;
  for (std::size_t i = 0; i < n; ++i) diff |= a[i] ^ b[i];
  return static_cast<std::uint8_t>((diff - 1) >> 8);  // diff in [0,255]: 0 -> 0xff..
}

}  // namespace

KeyPair keygen_internal(ByteView d, ByteView z) {
  if (d.size() != 32 || z.size() != 32) caller_bug("keygen_internal needs 32-byte d and z");
  KeyPair kp;
  kp.encaps_key.resize(kEncapsKeySize);
  kp.decaps_key = core::SecretBytes(kDecapsKeySize);
  std::uint8_t* dk = kp.decaps_key.data();
  pke_keygen(d.data(), kp.encaps_key.data(), dk);
  std::memcpy(dk + kK * kPolyBytes, kp.encaps_key.data(), kEncapsKeySize);
  const auto h = sha3_256(kp.encaps_key);
  std::memcpy(dk + kK * kPolyBytes + kEncapsKeySize, h.data(), 32);
  std::memcpy(dk + kK * kPolyBytes + kEncapsKeySize + 32, z.data(), 32);
  return kp;
}

KeyPair keygen(Rng& rng) {
  core::SecretBytes dz(64);
  rng.fill(dz.mut());
  return keygen_internal(dz.view().first(32), dz.view().subspan(32));
}

core::Status check_encaps_key(ByteView ek) {
  if (ek.size() != kEncapsKeySize)
    return illegal("ML-KEM-768 encapsulation key must be " + std::to_string(kEncapsKeySize) +
                   " bytes, got " + std::to_string(ek.size()));
  // ek is public, so a plain early exit is fine here.
  for (std::size_t i = 0; i < kK * kPolyBytes; i += 3) {
    const unsigned c0 = ek[i] | ((ek[i + 1] & 0x0f) << 8);
    const unsigned c1 = (ek[i + 1] >> 4) | (ek[i + 2] << 4);
    if (c0 >= kQ || c1 >= kQ)
      return illegal("ML-KEM-768 encapsulation key fails the modulus check (FIPS 203 7.2): "
                     "coefficient " + std::to_string(c0 >= kQ ? c0 : c1) + " at byte " +
                     std::to_string(i) + " is not below q = 3329");
  }
  return {};
}

core::Status check_decaps_key(ByteView dk) {
  if (dk.size() != kDecapsKeySize)
    return core::make_error(core::Alert::internal_error,
                            "ML-KEM-768 decapsulation key must be " +
                                std::to_string(kDecapsKeySize) + " bytes, got " +
                                std::to_string(dk.size()));
  const auto h = sha3_256(dk.subspan(kK * kPolyBytes, kEncapsKeySize));
  if (ct_equal_mask(h.data(), dk.data() + kK * kPolyBytes + kEncapsKeySize, 32) != 0xff)
    return core::make_error(core::Alert::internal_error,
                            "ML-KEM-768 decapsulation key fails the hash check (FIPS 203 7.3): "
                            "H(ek) stored in it does not match its ek");
  return {};
}

core::Result<Encapsulation> encaps_internal(ByteView ek, ByteView m) {
  if (m.size() != 32) caller_bug("encaps_internal needs a 32-byte m");
  GLASS_CHECK(check_encaps_key(ek));
  Wiped<std::array<std::uint8_t, 64>> kr;
  const auto h = sha3_256(ek);
  kr.v = sha3_512(m, h);
  Encapsulation out;
  out.ciphertext.resize(kCiphertextSize);
  pke_encrypt(ek.data(), m.data(), kr.v.data() + 32, out.ciphertext.data());
  out.shared_secret = core::SecretBytes(ByteView(kr.v.data(), 32));
  return out;
}

core::Result<Encapsulation> encaps(ByteView ek, Rng& rng) {
  core::SecretBytes m(32);
  rng.fill(m.mut());
  return encaps_internal(ek, m);
}

core::Result<core::SecretBytes> decaps(ByteView dk, ByteView ct) {
  if (ct.size() != kCiphertextSize)
    return illegal("ML-KEM-768 ciphertext must be " + std::to_string(kCiphertextSize) +
                   " bytes, got " + std::to_string(ct.size()));
  GLASS_CHECK(check_decaps_key(dk));
  const std::uint8_t* dk_pke = dk.data();
  const std::uint8_t* ek = dk.data() + kK * kPolyBytes;
  const std::uint8_t* h = ek + kEncapsKeySize;
  const std::uint8_t* z = h + 32;
  struct S {
    std::uint8_t m[32];
    std::array<std::uint8_t, 64> kr;
    std::uint8_t reject[32];
    std::uint8_t ct2[kCiphertextSize];
  };
  Wiped<S> w;
  pke_decrypt(dk_pke, ct.data(), w.v.m);
  w.v.kr = sha3_512(ByteView(w.v.m, 32), ByteView(h, 32));
  Shake256 j;
  j.absorb(ByteView(z, 32));
  j.absorb(ct);
  j.squeeze(MutByteView(w.v.reject, 32));
  pke_encrypt(ek, w.v.m, w.v.kr.data() + 32, w.v.ct2);
  // Implicit rejection: K' when c re-encrypts to itself, else J(z || c), chosen by mask.
  const std::uint8_t keep = ct_equal_mask(ct.data(), w.v.ct2, kCiphertextSize);
  core::SecretBytes out(32);
  for (int i = 0; i < 32; ++i)
    out[i] = static_cast<std::uint8_t>((w.v.kr[i] & keep) | (w.v.reject[i] & ~keep));
  return out;
}

}  // namespace glass::crypto::mlkem768
