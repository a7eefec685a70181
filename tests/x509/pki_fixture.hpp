#pragma once
// A small PKI made with openssl once per test process: root → intermediate →
// one leaf per key type (RSA 2048, EC P-256, EC P-384, Ed25519).
#include <string>
#include <vector>

#include "tool_fixture.hpp"

namespace glass::testing {

struct Pki {
  ToolDir dir;
  std::vector<std::string> key_types{"rsa", "ec256", "ec384", "ed25519"};

  Pki() {
    require_tool("openssl");
    auto genkey = [&](const std::string& name, const std::string& type) {
      std::string alg = type == "rsa"       ? "-algorithm RSA -pkeyopt rsa_keygen_bits:2048"
                        : type == "ec256"   ? "-algorithm EC -pkeyopt ec_paramgen_curve:P-256"
                        : type == "ec384"   ? "-algorithm EC -pkeyopt ec_paramgen_curve:P-384"
                                            : "-algorithm ED25519";
      dir.must("openssl genpkey " + alg + " -out " + name + ".key");
    };
    dir.must("printf 'basicConstraints=critical,CA:true\\nkeyUsage=critical,keyCertSign,cRLSign\\n' > ca.ext");
    dir.must("printf 'basicConstraints=CA:false\\nextendedKeyUsage=clientAuth,serverAuth\\n' > leaf.ext");
    genkey("root", "ec256");
    dir.must("openssl req -x509 -new -key root.key -subj '/CN=Keys Test Root' -days 30 "
             "-addext basicConstraints=critical,CA:true -out root.pem");
    genkey("int", "ec256");
    dir.must("openssl req -new -key int.key -subj '/CN=Keys Test Intermediate' -out int.csr");
    dir.must("openssl x509 -req -in int.csr -CA root.pem -CAkey root.key -set_serial 2 -days 30 "
             "-extfile ca.ext -out int.pem");
    for (const auto& t : key_types) {
      genkey(t, t);
      dir.must("openssl req -new -key " + t + ".key -subj '/CN=leaf " + t + "' -out " + t + ".csr");
      dir.must("openssl x509 -req -in " + t + ".csr -CA int.pem -CAkey int.key -set_serial 10 -days 30 "
               "-extfile leaf.ext -out " + t + ".pem");
      dir.must("openssl x509 -in " + t + ".pem -outform DER -out " + t + ".der");
    }
    dir.must("cat int.pem root.pem > chain.pem");
    dir.must("openssl x509 -in int.pem -outform DER -out int.der");
    dir.must("openssl x509 -in root.pem -outform DER -out root.der");
  }
};

inline Pki& pki() {
  static Pki p;
  return p;
}

}  // namespace glass::testing
