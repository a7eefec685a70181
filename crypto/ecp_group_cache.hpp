#pragma once
// One mbedtls_ecp_group per NIST curve for the whole process, with its
// fixed-base table (the comb of multiples of the generator G) already built.
//
// mbedTLS builds that table lazily inside a group on its first d*G and keeps it
// there. A group loaded per key (a peer's certificate key, an ephemeral key share)
// rebuilds it on every use: measured at ~40% of an ECDSA P-256 verification
// (1.9 ms instead of 1.4 ms) and most of a P-256 key generation. Once the table
// exists, mbedTLS only reads the group (ecp_mul_comb reuses grp->T, muladd and
// keygen keep their state on the stack), so it can be shared between threads.
#include <mbedtls/ecp.h>

namespace glass::crypto {

// secp256r1 / secp384r1 only (the curves glasstls computes with); for any other
// id the process aborts, because that is a caller bug. The result is shared and
// must only be used with mbedTLS calls that read it (ecdsa_verify, ecp_mul,
// ecp_gen_keypair, ecp_check_pubkey); mbedTLS wants non-const pointers.
mbedtls_ecp_group* warm_ecp_group(mbedtls_ecp_group_id id);

}  // namespace glass::crypto
