#pragma once
// Deliberate deviations. Ordinary connections never set one; conformance probes
// (`glasstls conform`) use it to break the protocol one step at a time, and the
// RFC 8448 replays use it to give our messages the trace's extension layout.
//
// For every handshake message our engine sends, in this order:
//   1. shape(M&)   the message as a struct, before it is encoded (signatures and
//                  Finished values are already computed, so shaping after them
//                  makes them wrong on purpose);
//   2. outgoing()  the framed bytes: rewrite them, or return false to drop the
//                  message (it is then neither sent nor added to the transcript);
//   3. after()     the message is queued; extra records may be written now, with
//                  whatever protection the writer has at this point.
// The engine's own view (what it offered, what it expects) is not changed by
// shaping: deviating from it is the point.
#include "core/bytes.hpp"
#include "handshake/messages.hpp"
#include "record/writer.hpp"

namespace glass::handshake {

class Tamper {
 public:
  virtual ~Tamper() = default;

  virtual void shape(ClientHello&) {}
  virtual void shape(ServerHello&) {}
  virtual void shape(EncryptedExtensions&) {}
  virtual void shape(CertificateRequest&) {}
  virtual void shape(Certificate&) {}
  virtual void shape(CertificateRequest12&) {}
  virtual void shape(Certificate12&) {}
  virtual void shape(CertificateVerify&) {}
  virtual void shape(Finished&) {}

  virtual bool outgoing(HandshakeType, core::Bytes& /*framed*/) { return true; }
  virtual void after(HandshakeType, record::RecordWriter&) {}
};

}  // namespace glass::handshake
