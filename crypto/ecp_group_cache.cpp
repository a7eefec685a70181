#include "crypto/ecp_group_cache.hpp"

#include <cstdio>
#include <cstdlib>

namespace glass::crypto {

namespace {

struct WarmGroup {
  mbedtls_ecp_group grp;

  explicit WarmGroup(mbedtls_ecp_group_id id) {
    mbedtls_ecp_group_init(&grp);
    mbedtls_ecp_point r;
    mbedtls_mpi two;
    mbedtls_ecp_point_init(&r);
    mbedtls_mpi_init(&two);
    // 2*G with G as the point makes mbedTLS build and keep the table in grp.
    // No RNG is passed: mbedTLS then blinds with its internal DRBG.
    int rc = mbedtls_ecp_group_load(&grp, id);
    if (rc == 0) rc = mbedtls_mpi_lset(&two, 2);
    if (rc == 0) rc = mbedtls_ecp_mul(&grp, &r, &two, &grp.G, nullptr, nullptr);
    mbedtls_ecp_point_free(&r);
    mbedtls_mpi_free(&two);
    if (rc != 0 || grp.T == nullptr) {
      std::fprintf(stderr, "glasstls: cannot prepare the mbedTLS curve tables (%d)\n", rc);
      std::abort();
    }
  }
  ~WarmGroup() { mbedtls_ecp_group_free(&grp); }
  WarmGroup(const WarmGroup&) = delete;
  WarmGroup& operator=(const WarmGroup&) = delete;
};

}  // namespace

mbedtls_ecp_group* warm_ecp_group(mbedtls_ecp_group_id id) {
  // Function-local statics: built once, thread-safe (C++11), on first use.
  switch (id) {
    case MBEDTLS_ECP_DP_SECP256R1: {
      static WarmGroup p256(id);
      return &p256.grp;
    }
    case MBEDTLS_ECP_DP_SECP384R1: {
      static WarmGroup p384(id);
      return &p384.grp;
    }
    default:
      std::fprintf(stderr, "glasstls: warm_ecp_group called for an unsupported curve\n");
      std::abort();
  }
}

}  // namespace glass::crypto
