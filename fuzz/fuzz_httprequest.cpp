// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The webhook receiver's HTTP/1.x request parser, driven the way WebhookFeed drives it: bytes
// arrive in chunks of fuzzed sizes, Head/Complete/Error events are handled, keep-alive requests
// follow one another. Limits are small so the fuzzer reaches them. A complete request's body is
// exactly Content-Length bytes and never more than the limit; an error carries a 4xx/5xx status.

#include "fuzzsupport.h"
#include "httprequestparser.h"

#include <cstdint>
#include <cstdlib>

using namespace Lakeguard;

namespace {

void check(bool ok)
{
    if (!ok) {
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fuzz::Input in(data, size);
    Feeds::HttpRequestParser::Limits limits;
    limits.maxHeaderBytes = 64 + in.byte() * 4;
    limits.maxHeaders = 1 + in.byte() % 16;
    limits.maxBodyBytes = in.byte() * 8;
    const int chunkSeed = in.byte();
    Feeds::HttpRequestParser parser(limits);
    int i = 0;
    int requests = 0;
    bool open = true;
    while (open && requests < 64) {
        if (!in.atEnd()) {
            parser.append(in.take(1 + (chunkSeed * 29 + i++ * 11) % 173));
        }
        switch (parser.next()) {
        case Feeds::HttpRequestParser::Event::NeedMore:
            if (in.atEnd()) {
                open = false;
            }
            break;
        case Feeds::HttpRequestParser::Event::Head:
            check(parser.request().contentLength >= 0);
            check(parser.request().contentLength <= limits.maxBodyBytes);
            check(parser.bodyRemaining() >= 0);
            (void)parser.request().header("Content-Type");
            break;
        case Feeds::HttpRequestParser::Event::Complete: {
            const Feeds::HttpRequest r = parser.takeRequest();
            check(r.body.size() == r.contentLength);
            check(r.body.size() <= limits.maxBodyBytes);
            check(!r.method.isEmpty());
            ++requests;
            if (!r.keepAlive) {
                open = false;
            }
            break;
        }
        case Feeds::HttpRequestParser::Event::Error:
            check(parser.errorStatus() >= 400 && parser.errorStatus() < 600);
            check(!parser.errorText().isEmpty());
            (void)Feeds::HttpRequestParser::reasonPhrase(parser.errorStatus());
            open = false;
            break;
        }
    }
    return 0;
}
