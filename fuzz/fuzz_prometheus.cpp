// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A Hyperledger Fabric node: /healthz body and Prometheus /metrics text. The first input byte
// picks the health status, then the health body up to a NUL byte, then the metrics text.

#include "fabricadapter.h"
#include "fuzzsupport.h"

#include <cstdint>

using namespace Qt::StringLiterals;
using namespace Lakeguard;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fuzz::Input in(data, size);
    const int status = in.byte() % 2 ? 200 : 503;
    const QByteArray rest = in.rest().toByteArray();
    const qsizetype nul = rest.indexOf('\0');
    const QByteArray health = nul < 0 ? QByteArray() : rest.left(nul);
    const QByteArray metrics = nul < 0 ? rest : rest.mid(nul + 1);
    (void)Feeds::Fabric::parsePrometheus(metrics);
    Feeds::NodeSample sample;
    Feeds::Fabric::Extra extra;
    (void)Feeds::Fabric::parse(status, health, metrics, u"mychannel"_s, sample, &extra);
    return 0;
}
