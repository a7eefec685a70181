#include "crypto/kdf.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/writer.hpp"
#include "crypto/hmac.hpp"

namespace glass::crypto {

namespace {

[[noreturn]] void caller_bug(const char* what) {
  std::fprintf(stderr, "glasstls: %s\n", what);
  std::abort();
}

}  // namespace

Bytes hkdf_extract(HashAlg alg, ByteView salt, ByteView ikm) {
  // An absent salt means HashLen zeros; as an HMAC key that equals the empty key.
  return hmac(alg, salt, ikm);
}

core::Result<Bytes> hkdf_expand(HashAlg alg, ByteView prk, ByteView info, std::size_t len) {
  return hkdf_expand(Hmac(alg, prk), info, len);
}

core::Result<Bytes> hkdf_expand(const Hmac& keyed, ByteView info, std::size_t len) {
  const HashAlg alg = keyed.alg();
  const std::size_t hl = hash_size(alg);
  if (len > 255 * hl) {
    return core::make_error(core::Alert::illegal_parameter,
                            "HKDF-Expand output of " + std::to_string(len) +
                                " bytes exceeds 255 * HashLen for " + std::string(hash_name(alg)));
  }
  Bytes out(len);
  std::uint8_t t[64];
  std::size_t t_len = 0;
  std::size_t done = 0;
  for (std::uint8_t i = 1; done < len; ++i) {
    // T(i) = HMAC(PRK, T(i-1) | info | i); T(0) is empty.
    Hmac h(keyed);
    h.update(ByteView(t, t_len));
    h.update(info);
    h.mac_into(ByteView(&i, 1), t);
    t_len = hl;
    const std::size_t n = std::min(hl, len - done);
    std::copy(t, t + n, out.data() + done);
    done += n;
  }
  core::secure_wipe(t, sizeof t);
  return out;
}

namespace {

// HkdfLabel into a stack buffer (at most 2 + 1 + 255 + 1 + 255 bytes); returns its size.
std::size_t write_hkdf_label(std::uint8_t* p, std::string_view label, ByteView context,
                             std::size_t len) {
  // struct { uint16 length; opaque label<7..255> = "tls13 " + Label;
  //          opaque context<0..255>; } HkdfLabel;   (RFC 8446 section 7.1)
  if (len > 0xffff || label.size() + 6 > 255 || context.size() > 255)
    caller_bug("HkdfLabel field out of range");
  std::size_t n = 0;
  p[n++] = static_cast<std::uint8_t>(len >> 8);
  p[n++] = static_cast<std::uint8_t>(len);
  p[n++] = static_cast<std::uint8_t>(label.size() + 6);
  for (char c : std::string_view("tls13 ")) p[n++] = static_cast<std::uint8_t>(c);
  for (char c : label) p[n++] = static_cast<std::uint8_t>(c);
  p[n++] = static_cast<std::uint8_t>(context.size());
  std::copy(context.begin(), context.end(), p + n);
  return n + context.size();
}

}  // namespace

Bytes hkdf_label(std::string_view label, ByteView context, std::size_t len) {
  std::uint8_t buf[2 + 1 + 255 + 1 + 255];
  return Bytes(buf, buf + write_hkdf_label(buf, label, context, len));
}

Bytes hkdf_expand_label(const Hmac& keyed_secret, std::string_view label, ByteView context,
                        std::size_t len) {
  std::uint8_t info[2 + 1 + 255 + 1 + 255];
  const std::size_t n = write_hkdf_label(info, label, context, len);
  auto r = hkdf_expand(keyed_secret, ByteView(info, n), len);
  if (!r) caller_bug("HKDF-Expand-Label length exceeds 255 * HashLen");
  return std::move(*r);
}

Bytes hkdf_expand_label(HashAlg alg, ByteView secret, std::string_view label, ByteView context,
                        std::size_t len) {
  return hkdf_expand_label(Hmac(alg, secret), label, context, len);
}

Bytes derive_secret(HashAlg alg, ByteView secret, std::string_view label,
                    ByteView transcript_hash) {
  return hkdf_expand_label(alg, secret, label, transcript_hash, hash_size(alg));
}

Bytes derive_secret(const Hmac& keyed_secret, std::string_view label, ByteView transcript_hash) {
  return hkdf_expand_label(keyed_secret, label, transcript_hash, hash_size(keyed_secret.alg()));
}

Bytes tls12_prf(HashAlg alg, ByteView secret, std::string_view label, ByteView seed,
                std::size_t len) {
  // P_hash(secret, label + seed): A(0) = label + seed, A(i) = HMAC(secret, A(i-1)),
  // output = HMAC(secret, A(1) + label + seed) + HMAC(secret, A(2) + label + seed) + ...
  const Bytes label_seed = core::concat({core::as_bytes(label), seed});
  const Hmac keyed(alg, secret);
  Bytes out;
  out.reserve(len + hash_size(alg));
  Bytes a = core::to_bytes(label_seed);
  while (out.size() < len) {
    Hmac next_a(keyed);
    next_a.update(a);
    core::secure_wipe(a);
    a = next_a.finish();
    Hmac block(keyed);
    block.update(a);
    block.update(label_seed);
    Bytes b = block.finish();
    core::append(out, b);
    core::secure_wipe(b);
  }
  core::secure_wipe(a);
  if (out.size() > len) core::secure_wipe(out.data() + len, out.size() - len);
  out.resize(len);
  return out;
}

Bytes pbkdf2_hmac(HashAlg alg, ByteView password, ByteView salt, std::uint32_t iterations,
                  std::size_t len) {
  if (iterations == 0) iterations = 1;  // the RFC requires c >= 1; parsers reject 0
  const std::size_t hl = hash_size(alg);
  const Hmac keyed(alg, password);
  Bytes out;
  out.reserve(len + hl);
  // The iterations reuse one Hmac and two stack buffers: no allocation per step
  // (they were most of a .p12 load's time; see bench/README.md).
  Hmac mac(keyed);
  std::uint8_t u[64], t[64];
  for (std::uint32_t block = 1; out.size() < len; ++block) {
    const std::uint8_t index[4] = {static_cast<std::uint8_t>(block >> 24),
                                   static_cast<std::uint8_t>(block >> 16),
                                   static_cast<std::uint8_t>(block >> 8),
                                   static_cast<std::uint8_t>(block)};
    mac.reset(keyed);
    mac.update(salt);
    mac.mac_into(ByteView(index, 4), u);  // U_1
    std::copy(u, u + hl, t);
    for (std::uint32_t j = 1; j < iterations; ++j) {
      keyed.mac_into(ByteView(u, hl), u);
      for (std::size_t k = 0; k < hl; ++k) t[k] ^= u[k];
    }
    core::append(out, ByteView(t, hl));
  }
  core::secure_wipe(u, sizeof u);
  core::secure_wipe(t, sizeof t);
  if (out.size() > len) core::secure_wipe(out.data() + len, out.size() - len);
  out.resize(len);
  return out;
}

Bytes pkcs12_kdf(HashAlg alg, ByteView password, ByteView salt, std::uint8_t id,
                 std::uint32_t iterations, std::size_t len) {
  if (iterations == 0) iterations = 1;
  const std::size_t u = hash_size(alg);
  const std::size_t v = hash_block_size(alg);  // 64, or 128 for SHA-384/512

  // I = S || P, each the input repeated to a whole number of v-byte blocks.
  auto stretch = [v](ByteView in) {
    Bytes s(in.empty() ? 0 : v * ((in.size() + v - 1) / v));
    for (std::size_t i = 0; i < s.size(); ++i) s[i] = in[i % in.size()];
    return s;
  };
  Bytes i_buf = stretch(salt);
  {
    Bytes p = stretch(password);
    core::append(i_buf, p);
    core::secure_wipe(p);
  }
  const Bytes d(v, id);

  Bytes out;
  out.reserve(len + u);
  Bytes b(v);
  const Hash fresh(alg);
  Hash step(alg);
  std::uint8_t a[64];  // no allocation per iteration (see pbkdf2_hmac)
  while (true) {
    // A = H^r(D || I)
    step.assign_state(fresh);
    step.update(d);
    step.update(i_buf);
    step.digest_into(a);
    for (std::uint32_t r = 1; r < iterations; ++r) hash_into(alg, ByteView(a, u), a);
    core::append(out, ByteView(a, u));
    if (out.size() >= len) {
      core::secure_wipe(a, sizeof a);
      break;
    }
    // B = A repeated to v bytes; each v-byte block I_j becomes (I_j + B + 1) mod 2^(8v).
    for (std::size_t k = 0; k < v; ++k) b[k] = a[k % u];
    core::secure_wipe(a, sizeof a);
    for (std::size_t off = 0; off < i_buf.size(); off += v) {
      unsigned carry = 1;
      for (std::size_t k = v; k-- > 0;) {
        carry += static_cast<unsigned>(i_buf[off + k]) + b[k];
        i_buf[off + k] = static_cast<std::uint8_t>(carry);
        carry >>= 8;
      }
    }
  }
  core::secure_wipe(b);
  core::secure_wipe(i_buf);
  if (out.size() > len) core::secure_wipe(out.data() + len, out.size() - len);
  out.resize(len);
  return out;
}

core::Result<Bytes> pkcs12_password(std::string_view utf8) {
  Bytes out;
  out.reserve(utf8.size() * 2 + 2);
  auto fail = [&](std::size_t at, const std::string& why) -> core::Error {
    core::secure_wipe(out);
    return core::make_error(core::Alert::illegal_parameter,
                            "PKCS#12 password: " + why + " at byte " + std::to_string(at));
  };
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto c0 = static_cast<std::uint8_t>(utf8[i]);
    std::uint32_t cp;
    std::size_t extra;
    if (c0 < 0x80) {
      cp = c0;
      extra = 0;
    } else if ((c0 & 0xe0) == 0xc0) {
      cp = c0 & 0x1f;
      extra = 1;
    } else if ((c0 & 0xf0) == 0xe0) {
      cp = c0 & 0x0f;
      extra = 2;
    } else if ((c0 & 0xf8) == 0xf0) {
      cp = c0 & 0x07;
      extra = 3;
    } else {
      return fail(i, "invalid UTF-8 lead byte");
    }
    if (utf8.size() - i - 1 < extra) return fail(i, "truncated UTF-8 sequence");
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto ck = static_cast<std::uint8_t>(utf8[i + k]);
      if ((ck & 0xc0) != 0x80) return fail(i + k, "invalid UTF-8 continuation byte");
      cp = (cp << 6) | (ck & 0x3f);
    }
    static constexpr std::uint32_t min_for_len[4] = {0, 0x80, 0x800, 0x10000};
    if (cp < min_for_len[extra]) return fail(i, "overlong UTF-8 encoding");
    if (cp >= 0xd800 && cp <= 0xdfff) return fail(i, "UTF-8 encoded surrogate");
    if (cp > 0xffff) {
      // BMPString is UCS-2: nothing beyond U+FFFF fits.
      char buf[16];
      std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
      return fail(i, std::string("character ") + buf +
                         " is outside the Basic Multilingual Plane (BMPString cannot hold it)");
    }
    out.push_back(static_cast<std::uint8_t>(cp >> 8));
    out.push_back(static_cast<std::uint8_t>(cp));
    i += extra + 1;
  }
  out.push_back(0);
  out.push_back(0);
  return out;
}

}  // namespace glass::crypto
