#include "capture/pcap_file.hpp"

#include <pcap/pcap.h>

#include "capture/packet.hpp"

namespace glass::capture {

struct PcapFile::Handle {
  pcap_t* p = nullptr;
  ~Handle() {
    if (p) pcap_close(p);
  }
};

PcapFile::PcapFile(std::unique_ptr<Handle> h, std::uint32_t lt) : h_(std::move(h)), link_type_(lt) {}
PcapFile::PcapFile(PcapFile&&) noexcept = default;
PcapFile& PcapFile::operator=(PcapFile&&) noexcept = default;
PcapFile::~PcapFile() = default;

core::Result<PcapFile> PcapFile::open(const std::string& path) {
  char err[PCAP_ERRBUF_SIZE] = {};
  auto h = std::make_unique<Handle>();
  h->p = pcap_open_offline(path.c_str(), err);
  if (!h->p)
    return core::make_error(core::Alert::decode_error,
                            "cannot read the capture " + path + ": " + err);
  // pcap_datalink gives the DLT_ value; the file stores the LINKTYPE_ one.
  int dlt = pcap_datalink(h->p);
  // They differ only for raw IP (DLT_RAW is 12 or 14 depending on the OS).
  std::uint32_t lt = dlt == DLT_RAW ? static_cast<std::uint32_t>(LinkType::raw)
                                    : static_cast<std::uint32_t>(dlt);
  if (!link_type_supported(lt)) {
    const char* name = pcap_datalink_val_to_name(dlt);
    return core::make_error(core::Alert::decode_error,
                            "the capture " + path + " has link-layer type " + std::to_string(dlt) +
                                (name ? std::string(" (") + name + ")" : std::string()) +
                                "; supported: Ethernet, Linux cooked (SLL, SLL2), raw IP, loopback");
  }
  return PcapFile(std::move(h), lt);
}

core::Result<std::optional<Frame>> PcapFile::next() {
  pcap_pkthdr* hdr = nullptr;
  const u_char* data = nullptr;
  int rc = pcap_next_ex(h_->p, &hdr, &data);
  if (rc == PCAP_ERROR_BREAK) return std::optional<Frame>{};
  if (rc != 1)
    return core::make_error(core::Alert::decode_error,
                            "the capture is damaged after frame " + std::to_string(count_) + ": " +
                                pcap_geterr(h_->p));
  Frame f;
  f.number = ++count_;
  f.time_us = static_cast<std::int64_t>(hdr->ts.tv_sec) * 1000000 + hdr->ts.tv_usec;
  f.link_type = link_type_;
  f.data.assign(data, data + hdr->caplen);
  f.wire_length = hdr->len;
  return std::optional<Frame>(std::move(f));
}

}  // namespace glass::capture
