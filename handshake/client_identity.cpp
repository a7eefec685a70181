#include "handshake/client_identity.hpp"

#include "handshake/negotiation.hpp"
#include "x509/certificate.hpp"
#include "x509/private_key.hpp"

namespace glass::handshake {

namespace {

// Does some certificate of the chain name one of `ca_names` as issuer (or is one)?
// Only the Name elements are read: these are our own certificates, and this runs
// on every CertificateRequest. `leaf` holds chain[0]'s names, already read.
bool chain_reaches(const core::Result<x509::CertificateFields>& leaf,
                   const std::vector<core::Bytes>& chain, const std::vector<core::Bytes>& names) {
  auto names_one = [&](const x509::CertificateFields& c) {
    for (auto& n : names)
      if (core::equal(c.issuer, n) || core::equal(c.subject, n)) return true;
    return false;
  };
  if (leaf && names_one(*leaf)) return true;
  for (std::size_t i = 1; i < chain.size(); ++i) {
    auto c = x509::certificate_fields(chain[i]);
    if (c && names_one(*c)) return true;
  }
  return false;
}

// "CN=..." of our certificate for the sentence saying why it was (not) sent.
std::string who_is(const core::Result<x509::CertificateFields>& leaf) {
  if (!leaf) return "(unparsable certificate)";
  auto subject = x509::Name::parse(leaf->subject, "subject");
  return subject ? subject->short_form() : "(unparsable certificate)";
}

// Completes out.why with the rule that decided and what curl/OpenSSL would do.
void explain_choice(IdentityChoice& out, ClientCertPolicy policy, bool server_named_cas,
                    bool picked_reaches, bool same_as_tools, bool tools_send,
                    const std::string& passed, const std::string& tools) {
  if (policy == ClientCertPolicy::never) {
    out.why = "rule --send-cert never: an empty Certificate is sent; " + tools;
    return;
  }
  if (policy == ClientCertPolicy::always) {
    if (!out.identity) {
      out.why = "rule --send-cert always: no configured certificate can sign with a scheme the "
                "server accepts, so an empty Certificate is sent" + passed + "; " + tools;
      return;
    }
    out.why += std::string(" by rule --send-cert always") +
               (picked_reaches ? "" : ", although its chain does not reach any CA the server named") +
               ", as curl and OpenSSL do";
    return;
  }
  if (out.identity) {
    out.why += !server_named_cas ? " by rule --send-cert auto: the server named no CAs"
                                 : " by rule --send-cert auto: its chain reaches a CA the server named";
    out.why += same_as_tools ? "; curl and OpenSSL would send the same" : "; " + tools;
    return;
  }
  out.why = "no configured certificate fits the request, so an empty Certificate is sent (rule "
            "--send-cert auto)" + passed + "; " + tools +
            (tools_send ? " anyway (--send-cert always does the same)" : "");
}

}  // namespace

IdentityChoice choose_client_identity(const Channel& ch,
                                      const std::vector<crypto::SignatureScheme>& requested,
                                      const std::vector<core::Bytes>& ca_names, bool tls13) {
  IdentityChoice out;
  if (ch.cfg.identities.empty()) {
    out.why = "no client certificate is configured, so an empty Certificate is sent";
    return out;
  }
  const auto policy = ch.cfg.send_cert;
  // OpenSSL and curl send the configured certificate whenever its key can sign
  // with a requested scheme, whatever CA names the server listed.
  const Identity* tools_pick = nullptr;
  std::string tools_who;
  std::string passed;
  bool picked_reaches = false;
  for (auto& id : ch.cfg.identities) {
    if (id.chain.empty() || !id.key_type()) continue;
    const auto leaf = x509::certificate_fields(id.chain.front());
    std::string who = who_is(leaf);
    auto scheme = pick_scheme(ch.cfg.signature_schemes, requested, *id.key_type(), tls13);
    if (!scheme) {
      passed += "; " + who + " has a " + std::string(crypto::key_type_name(*id.key_type())) +
                " key, but the server accepts only " + scheme_list(requested);
      continue;
    }
    bool reaches = ca_names.empty() || chain_reaches(leaf, id.chain, ca_names);
    if (!tools_pick) {
      tools_pick = &id;
      tools_who = who;
    }
    if (!reaches)
      passed += "; the chain of " + who +
                " does not reach any CA the server named in certificate_authorities";
    if (policy == ClientCertPolicy::never || out.identity) continue;
    if (!reaches && policy != ClientCertPolicy::always) continue;
    out.identity = &id;
    out.scheme = *scheme;
    picked_reaches = reaches;
    out.why = "sending " + who + " (" + std::string(crypto::key_type_name(*id.key_type())) +
              " key, signing with " + crypto::name_of(*scheme) + ")";
  }
  std::string tools = tools_pick ? "curl and OpenSSL would send " + tools_who
                                 : "curl and OpenSSL would also send an empty Certificate";
  explain_choice(out, policy, !ca_names.empty(), picked_reaches, out.identity == tools_pick,
                 tools_pick != nullptr, passed, tools);
  return out;
}

}  // namespace glass::handshake
