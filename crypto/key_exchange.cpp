#include "crypto/key_exchange.hpp"

#include <mbedtls/ecdh.h>
#include <mbedtls/ecp.h>
#include <sodium.h>

#include <cstdio>
#include <cstdlib>

#include "crypto/ecp_group_cache.hpp"
#include "crypto/p256_ecdsa.hpp"
#include "crypto/hybrid_kex.hpp"

namespace glass::crypto {

namespace {

void ensure_sodium() {
  static const bool ok = sodium_init() >= 0;  // picks the fastest X25519 code
  if (!ok) {
    std::fprintf(stderr, "glasstls: libsodium failed to initialise\n");
    std::abort();
  }
}

// mbedTLS takes randomness through a callback; ours comes from an Rng.
int rng_callback(void* rng, unsigned char* out, std::size_t n) {
  static_cast<Rng*>(rng)->fill(MutByteView(out, n));
  return 0;
}

core::Error illegal(std::string why) {
  return core::make_error(core::Alert::illegal_parameter, std::move(why));
}

std::size_t field_size(NamedGroup g) {
  switch (g) {
    case NamedGroup::secp256r1: return 32;
    case NamedGroup::secp384r1: return 48;
    default: return 0;
  }
}

}  // namespace

struct KeyShare::Impl {
  virtual ~Impl() = default;
  virtual core::Result<core::SecretBytes> shared(ByteView peer) = 0;
};

namespace {

class X25519 final : public KeyShare::Impl {
 public:
  explicit X25519(ByteView priv) : priv_(priv) {}
  Bytes public_key() const {
    Bytes pub(crypto_scalarmult_BYTES);
    crypto_scalarmult_base(pub.data(), priv_.data());
    return pub;
  }
  core::Result<core::SecretBytes> shared(ByteView peer) override {
    if (peer.size() != crypto_scalarmult_BYTES) {
      return illegal("x25519 key share must be 32 bytes, got " + std::to_string(peer.size()));
    }
    core::SecretBytes out(crypto_scalarmult_BYTES);
    // libsodium already returns -1 for an all-zero result; check explicitly too,
    // since RFC 7748 section 6.1 / RFC 8446 7.4.2 make the check mandatory.
    const int rc = crypto_scalarmult(out.data(), priv_.data(), peer.data());
    if (rc != 0 || sodium_is_zero(out.data(), out.size())) {
      return illegal(
          "x25519 shared secret is all zeros: the peer sent a small-order point");
    }
    return out;
  }

 private:
  core::SecretBytes priv_;
};

class NistCurve final : public KeyShare::Impl {
 public:
  explicit NistCurve(NamedGroup g) : group_(g) {
    mbedtls_ecp_group_init(&grp_);
    mbedtls_mpi_init(&d_);
    mbedtls_ecp_point_init(&q_);
    loaded_ = mbedtls_ecp_group_load(&grp_, g == NamedGroup::secp256r1
                                                ? MBEDTLS_ECP_DP_SECP256R1
                                                : MBEDTLS_ECP_DP_SECP384R1) == 0;
  }
  ~NistCurve() override {
    mbedtls_ecp_point_free(&q_);
    mbedtls_mpi_free(&d_);  // zeroizes the scalar
    mbedtls_ecp_group_free(&grp_);
  }
  NistCurve(const NistCurve&) = delete;
  NistCurve& operator=(const NistCurve&) = delete;

  core::Status generate(Rng& rng) {
    if (native_) {
      p256_d_ = core::SecretBytes(32);
      if (!p256::generate_private(p256_d_.data(), rng))
        return core::make_error(core::Alert::internal_error,
                                name_of(group_) + " key generation failed");
      // mbedTLS draws two 32-byte blinding values after d; drawing them too keeps
      // a seeded Rng's stream the same on either backend.
      std::uint8_t skip[32];
      rng.fill(MutByteView(skip, 32));
      rng.fill(MutByteView(skip, 32));
      p256::public_key(p256_pub_, p256_d_.data());
      return {};
    }
    if (!loaded_)
      return core::make_error(core::Alert::internal_error, "mbedtls_ecp_group_load failed");
    // d*G on the shared group, whose table of multiples of G is built once.
    if (mbedtls_ecp_gen_keypair(warm_ecp_group(grp_.id), &d_, &q_, rng_callback, &rng) != 0) {
      return core::make_error(core::Alert::internal_error,
                              name_of(group_) + " key generation failed");
    }
    return {};
  }

  core::Status set_private(ByteView scalar) {
    if (!loaded_)
      return core::make_error(core::Alert::internal_error, "mbedtls_ecp_group_load failed");
    const std::size_t fs = field_size(group_);
    if (scalar.size() != fs) {
      return illegal(name_of(group_) + " private key must be " + std::to_string(fs) +
                     " bytes, got " + std::to_string(scalar.size()));
    }
    if (native_) {
      if (!p256::private_key_valid(scalar.data()))
        return illegal(name_of(group_) + " private key is not in [1, n-1]");
      p256_d_ = core::SecretBytes(scalar);
      p256::public_key(p256_pub_, p256_d_.data());
      return {};
    }
    if (mbedtls_mpi_read_binary(&d_, scalar.data(), scalar.size()) != 0 ||
        mbedtls_ecp_check_privkey(&grp_, &d_) != 0) {
      return illegal(name_of(group_) + " private key is not in [1, n-1]");
    }
    // The Rng only feeds mbedTLS's side-channel blinding; the result is exact.
    mbedtls_ecp_group* warm = warm_ecp_group(grp_.id);
    if (mbedtls_ecp_mul(warm, &q_, &d_, &warm->G, rng_callback, &system_rng()) != 0)
      return core::make_error(core::Alert::internal_error, name_of(group_) + " d*G failed");
    return {};
  }

  Bytes public_key() const {
    if (native_) return Bytes(p256_pub_, p256_pub_ + sizeof p256_pub_);
    Bytes pub(1 + 2 * field_size(group_));
    std::size_t olen = 0;
    if (mbedtls_ecp_point_write_binary(&grp_, &q_, MBEDTLS_ECP_PF_UNCOMPRESSED, &olen, pub.data(),
                                       pub.size()) != 0 ||
        olen != pub.size()) {
      std::fprintf(stderr, "glasstls: mbedtls_ecp_point_write_binary failed\n");
      std::abort();
    }
    return pub;
  }

  core::Result<core::SecretBytes> shared(ByteView peer) override {
    const std::size_t fs = field_size(group_);
    const std::string name = name_of(group_);
    if (peer.size() != 1 + 2 * fs) {
      return illegal(name + " key share must be an uncompressed point of " +
                     std::to_string(1 + 2 * fs) + " bytes, got " + std::to_string(peer.size()));
    }
    if (peer[0] != 0x04) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "0x%02x", peer[0]);
      return illegal(name + " key share does not start with 0x04 (uncompressed point), got " +
                     buf);
    }
    if (native_) {
      core::SecretBytes out(32);
      if (!p256::ecdh(out.data(), p256_d_.data(), peer.data(), peer.size()))
        return illegal(name + " key share is not a point on the curve");
      return out;
    }
    mbedtls_ecp_point qp;
    mbedtls_ecp_point_init(&qp);
    mbedtls_mpi z;
    mbedtls_mpi_init(&z);
    struct Cleanup {
      mbedtls_ecp_point* p;
      mbedtls_mpi* z;
      ~Cleanup() {
        mbedtls_ecp_point_free(p);
        mbedtls_mpi_free(z);
      }
    } cleanup{&qp, &z};
    if (mbedtls_ecp_point_read_binary(&grp_, &qp, peer.data(), peer.size()) != 0 ||
        mbedtls_ecp_check_pubkey(&grp_, &qp) != 0) {
      return illegal(name + " key share is not a point on the curve");
    }
    if (mbedtls_ecdh_compute_shared(&grp_, &z, &qp, &d_, rng_callback, &system_rng()) != 0)
      return core::make_error(core::Alert::internal_error, name + " ECDH computation failed");
    // The shared secret is the x-coordinate, left-padded to the field size
    // (RFC 8446 section 7.4.2).
    core::SecretBytes out(fs);
    if (mbedtls_mpi_write_binary(&z, out.data(), fs) != 0)
      return core::make_error(core::Alert::internal_error, name + " shared secret too large");
    return out;
  }

 private:
  NamedGroup group_;
  mbedtls_ecp_group grp_;
  mbedtls_mpi d_;
  mbedtls_ecp_point q_;
  bool loaded_ = false;
  // secp256r1 with our P-256 (p256_ecdsa.hpp): d and 04||X||Y.
  bool native_ = group_ == NamedGroup::secp256r1 && p256::native_enabled();
  core::SecretBytes p256_d_;
  std::uint8_t p256_pub_[65] = {};
};

class Hybrid final : public KeyShare::Impl {
 public:
  explicit Hybrid(HybridKeyShare k) : k_(std::move(k)) {}
  core::Result<core::SecretBytes> shared(ByteView peer) override { return k_.decapsulate(peer); }
  ByteView public_key() const { return k_.public_share(); }

 private:
  HybridKeyShare k_;
};

core::Result<KeyShare::Impl*> hybrid_impl(core::Result<HybridKeyShare> k) {
  if (!k) return k.error();
  return new Hybrid(std::move(*k));
}

core::Error unsupported(NamedGroup g) {
  return core::make_error(core::Alert::illegal_parameter,
                          "key exchange group " + name_of(g) + " is not supported");
}

}  // namespace

std::string name_of(NamedGroup g) {
  switch (g) {
    case NamedGroup::secp256r1: return "secp256r1";
    case NamedGroup::secp384r1: return "secp384r1";
    case NamedGroup::secp521r1: return "secp521r1";
    case NamedGroup::x25519: return "x25519";
    case NamedGroup::x448: return "x448";
    case NamedGroup::ffdhe2048: return "ffdhe2048";
    case NamedGroup::SecP256r1MLKEM768: return "SecP256r1MLKEM768";
    case NamedGroup::X25519MLKEM768: return "X25519MLKEM768";
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "unknown(0x%04x)", static_cast<unsigned>(g));
  return buf;
}

bool group_supported(NamedGroup g) {
  return g == NamedGroup::x25519 || g == NamedGroup::secp256r1 || g == NamedGroup::secp384r1 ||
         is_hybrid_group(g);
}

bool group_tls13_only(NamedGroup g) { return is_hybrid_group(g); }

std::size_t group_public_size(NamedGroup g) {
  switch (g) {
    case NamedGroup::x25519: return 32;
    case NamedGroup::secp256r1: return 65;
    case NamedGroup::secp384r1: return 97;
    case NamedGroup::X25519MLKEM768: return 1184 + 32;
    case NamedGroup::SecP256r1MLKEM768: return 65 + 1184;
    default: return 0;
  }
}

core::Result<KeyShare> KeyShare::generate(NamedGroup g, Rng& rng) {
  if (is_hybrid_group(g)) {
    ensure_sodium();
    GLASS_TRY(auto* raw, hybrid_impl(HybridKeyShare::generate(g, rng)));
    std::unique_ptr<Impl> impl(raw);
    Bytes pub = core::to_bytes(static_cast<Hybrid*>(raw)->public_key());
    return KeyShare(g, std::move(pub), std::move(impl));
  }
  if (g == NamedGroup::x25519) {
    core::SecretBytes priv(crypto_scalarmult_SCALARBYTES);
    rng.fill(priv.mut());
    return from_private(g, priv);
  }
  if (!group_supported(g)) return unsupported(g);
  auto impl = std::make_unique<NistCurve>(g);
  GLASS_CHECK(impl->generate(rng));
  Bytes pub = impl->public_key();
  return KeyShare(g, std::move(pub), std::move(impl));
}

core::Result<KeyShare> KeyShare::from_private(NamedGroup g, ByteView private_key) {
  ensure_sodium();
  if (is_hybrid_group(g)) {
    GLASS_TRY(auto* raw, hybrid_impl(HybridKeyShare::from_private(g, private_key)));
    std::unique_ptr<Impl> impl(raw);
    Bytes pub = core::to_bytes(static_cast<Hybrid*>(raw)->public_key());
    return KeyShare(g, std::move(pub), std::move(impl));
  }
  if (g == NamedGroup::x25519) {
    if (private_key.size() != crypto_scalarmult_SCALARBYTES) {
      return illegal("x25519 private key must be 32 bytes, got " +
                     std::to_string(private_key.size()));
    }
    auto impl = std::make_unique<X25519>(private_key);
    Bytes pub = impl->public_key();
    return KeyShare(g, std::move(pub), std::move(impl));
  }
  if (!group_supported(g)) return unsupported(g);
  auto impl = std::make_unique<NistCurve>(g);
  GLASS_CHECK(impl->set_private(private_key));
  Bytes pub = impl->public_key();
  return KeyShare(g, std::move(pub), std::move(impl));
}

core::Result<KeyShareReply> KeyShare::respond(NamedGroup g, ByteView client_share, Rng& rng) {
  ensure_sodium();
  if (is_hybrid_group(g)) return hybrid_encapsulate(g, client_share, rng);
  GLASS_TRY(auto ours, generate(g, rng));
  GLASS_TRY(auto secret, ours.shared_secret(client_share));
  KeyShareReply reply;
  reply.group = g;
  reply.share = core::to_bytes(ours.public_key());
  reply.secret = std::move(secret);
  return reply;
}

KeyShare::KeyShare(NamedGroup g, Bytes pub, std::unique_ptr<Impl> impl)
    : group_(g), public_(std::move(pub)), impl_(std::move(impl)) {}
KeyShare::KeyShare(KeyShare&&) noexcept = default;
KeyShare& KeyShare::operator=(KeyShare&&) noexcept = default;
KeyShare::~KeyShare() = default;

core::Result<core::SecretBytes> KeyShare::shared_secret(ByteView peer_public) const {
  return impl_->shared(peer_public);
}

}  // namespace glass::crypto
