#include "handshake/state_ids.hpp"

namespace glass::handshake {

core::HandshakeState state_id(ClientEngine::State s) {
  using S = ClientEngine::State;
  using H = core::HandshakeState;
  switch (s) {
    case S::START: return H::START;
    case S::WAIT_SH: return H::WAIT_SH;
    case S::WAIT_EE: return H::WAIT_EE;
    case S::WAIT_CERT_CR: return H::WAIT_CERT_CR;
    case S::WAIT_CERT: return H::WAIT_CERT;
    case S::WAIT_CV: return H::WAIT_CV;
    case S::WAIT_FINISHED: return H::WAIT_FINISHED;
    case S::CONNECTED: return H::CONNECTED;
    case S::WAIT_CERT_12: return H::WAIT_SERVER_CERTIFICATE;
    case S::WAIT_SKE_12: return H::WAIT_SERVER_KEY_EXCHANGE;
    case S::WAIT_CR_OR_SHD_12: return H::WAIT_CERT_REQUEST_OR_HELLO_DONE;
    case S::WAIT_SHD_12: return H::WAIT_SERVER_HELLO_DONE;
    case S::WAIT_CCS_12: return H::WAIT_CHANGE_CIPHER_SPEC;
    case S::WAIT_FINISHED_12: return H::WAIT_FINISHED_12;
    case S::CONNECTED_12: return H::CONNECTED_12;
    case S::SEND_CERT_13: return H::SEND_CERTIFICATE;
    case S::SEND_CV_13:
    case S::SEND_CV_12: return H::SEND_CERTIFICATE_VERIFY;
    case S::SEND_FINISHED_13:
    case S::SEND_FINISHED_12: return H::SEND_FINISHED;
  }
  return H::START;
}

core::HandshakeState state_id(ServerEngine::State s) {
  using S = ServerEngine::State;
  using H = core::HandshakeState;
  switch (s) {
    case S::START: return H::START;
    case S::RECVD_CH: return H::RECVD_CH;
    case S::NEGOTIATED: return H::NEGOTIATED;
    case S::WAIT_FLIGHT2: return H::WAIT_FLIGHT2;
    case S::WAIT_CERT: return H::WAIT_CERT;
    case S::WAIT_CV: return H::WAIT_CV;
    case S::WAIT_FINISHED: return H::WAIT_FINISHED;
    case S::CONNECTED: return H::CONNECTED;
    case S::PHA_WAIT_CERT: return H::PHA_WAIT_CERT;
    case S::PHA_WAIT_CV: return H::PHA_WAIT_CV;
    case S::PHA_WAIT_FINISHED: return H::PHA_WAIT_FINISHED;
    case S::WAIT_CERT_12: return H::WAIT_CLIENT_CERTIFICATE;
    case S::WAIT_CKE_12: return H::WAIT_CLIENT_KEY_EXCHANGE;
    case S::WAIT_CV_12: return H::WAIT_CERTIFICATE_VERIFY;
    case S::WAIT_CCS_12: return H::WAIT_CHANGE_CIPHER_SPEC;
    case S::WAIT_FINISHED_12: return H::WAIT_FINISHED_12;
    case S::CONNECTED_12: return H::CONNECTED_12;
    case S::SEND_CV_13: return H::SEND_CERTIFICATE_VERIFY;
    case S::SEND_FINISHED_13: return H::SEND_FINISHED;
    case S::SEND_SKE_12: return H::SEND_SERVER_KEY_EXCHANGE;
  }
  return H::START;
}

}  // namespace glass::handshake
