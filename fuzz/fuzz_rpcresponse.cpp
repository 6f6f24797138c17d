// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A JSON-RPC node's answer (single response or batch) as the eth-rpc feed reads it: parsed into
// responses by id, then interpreted as an Ethereum round and a FISCO BCOS round. Quantities in it
// go through the 256-bit and hex parsers too.

#include "ethrpcadapter.h"
#include "ethrpcquantity.h"
#include "fiscobcosadapter.h"

#include <cstdint>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace Lakeguard::Feeds;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const EthRpc::Responses responses = EthRpc::parseResponses(body, &error);
    NodeSample eth;
    (void)EthRpc::parseRound(responses, eth);
    NodeSample fisco;
    (void)FiscoBcos::parseRound(responses, 1, fisco);
    for (const QJsonObject &r : responses) {
        const QString text = r.value(u"result"_s).toString();
        const auto hex = Uint256::fromHex(text);
        const auto dec = Uint256::fromDecimal(text);
        const auto ether = Uint256::fromEther(text);
        if (dec && Uint256::fromDecimal(dec->toDecimal()) != dec) {
            std::abort(); // decimal round trip
        }
        if (hex) {
            (void)hex->toEther();
        }
        if (ether) {
            (void)ether->toDecimal();
        }
        (void)hexQuantity(text);
    }
    return 0;
}
