#include <utility>  // before Asio: Boost 1.74 with g++ 12 needs it

#include "http/gzip.hpp"
#include "http/log.hpp"
#include "http/metrics.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/http/span_body.hpp>

#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace riaya::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr auto kReadTimeout = std::chrono::seconds(30);
// An answer held whole must be sent within this time (a streamed one: each chunk, kChunkTimeout).
constexpr auto kWriteTimeout = std::chrono::minutes(2);
// Each chunk of a streamed answer must be taken by the client within this time.
constexpr auto kChunkTimeout = std::chrono::seconds(60);
constexpr std::size_t kChunkSize = 64 * 1024;        // bytes of a streamed answer sent at once
constexpr std::size_t kStreamBacklog = 1024 * 1024;  // bytes a streamed answer's writer may run ahead
constexpr std::size_t kHeaderLimit = 16 * 1024;

bool goes_to_handler(const std::string& path) {
  return path.starts_with("/api/") || path == "/api" || path == "/healthz" || path == "/readyz" || path == "/metrics";
}

Request to_request(const bhttp::request<bhttp::string_body>& message, const std::string& remote) {
  Request request;
  request.method = std::string(message.method_string());
  const std::string_view target(message.target().data(), message.target().size());
  const auto question = target.find('?');
  request.path = percent_decode(target.substr(0, question), false);
  if (question != std::string_view::npos) {
    const auto query = target.substr(question + 1);
    std::size_t at = 0;
    while (at < query.size()) {
      auto end = query.find('&', at);
      if (end == std::string_view::npos) end = query.size();
      const auto pair = query.substr(at, end - at);
      const auto eq = pair.find('=');
      if (!pair.empty())
        request.query[percent_decode(pair.substr(0, eq), true)] =
            eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1), true);
      at = end + 1;
    }
  }
  for (const auto& field : message) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    request.headers[name] = std::string(field.value());
  }
  request.body = message.body();
  request.remote_address = remote;
  const auto client_id = request.headers.find("x-request-id");
  request.request_id = request_id_of(client_id == request.headers.end() ? "" : client_id->second);
  return request;
}

// One line per request in the log (http/log.hpp), and one more in `metrics` when set: by the
// route's pattern, never the path, which may hold a name ("static" for the web app's files,
// "unmatched" for an API path no route has).
void record(const Request& request, unsigned status, std::chrono::steady_clock::time_point start, Metrics* metrics) {
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  const std::string_view route = !request.route.empty()          ? std::string_view(request.route)
                                 : goes_to_handler(request.path) ? std::string_view("unmatched")
                                                                 : std::string_view("static");
  const std::string_view method = request.method.empty() ? std::string_view("-") : request.method;
  log_access(AccessEntry{method, route, status, took.count(), request.user});
  if (metrics) metrics->observe(method, route, status, took.count());
}

// The bytes of a streamed answer, between the worker that writes them and the connection that
// sends them. The writer waits while kStreamBacklog bytes wait to be sent.
class BodyChannel {
 public:
  enum class Kind { Chunk, Wait, End, Broken };
  struct Next {
    Kind kind;
    std::string bytes;
  };

  // Writer side.
  void push(std::string bytes, const std::atomic<bool>& stopping) {
    std::unique_lock lock(mutex_);
    while (queued_ >= kStreamBacklog && !abandoned_) {
      if (stopping) throw ClientGone{};
      taken_.wait_for(lock, std::chrono::milliseconds(200));
    }
    if (abandoned_) throw ClientGone{};
    queued_ += bytes.size();
    chunks_.push_back(std::move(bytes));
    wake(lock);
  }
  // The writer is done: `complete` false when it failed, and the answer is cut short.
  void finish(bool complete) {
    std::unique_lock lock(mutex_);
    finished_ = true;
    complete_ = complete;
    wake(lock);
  }

  // Connection side: the next chunk, or Wait (then `on_ready` is called once when there is
  // more), or the end.
  Next take(std::function<void()> on_ready) {
    std::unique_lock lock(mutex_);
    if (!chunks_.empty()) {
      Next next{Kind::Chunk, std::move(chunks_.front())};
      chunks_.pop_front();
      queued_ -= next.bytes.size();
      taken_.notify_all();
      return next;
    }
    if (finished_) return {complete_ ? Kind::End : Kind::Broken, {}};
    on_ready_ = std::move(on_ready);
    return {Kind::Wait, {}};
  }
  // The connection has ended: the writer's next push throws ClientGone.
  void abandon() {
    std::unique_lock lock(mutex_);
    abandoned_ = true;
    on_ready_ = nullptr;
    taken_.notify_all();
  }

 private:
  void wake(std::unique_lock<std::mutex>& lock) {
    auto ready = std::exchange(on_ready_, nullptr);
    lock.unlock();
    if (ready) ready();
  }

  std::mutex mutex_;
  std::condition_variable taken_;
  std::deque<std::string> chunks_;
  std::size_t queued_ = 0;
  bool finished_ = false, complete_ = false, abandoned_ = false;
  std::function<void()> on_ready_;
};

}  // namespace

struct Server::State {
  ServerOptions options;
  Handler handler;
  FailureHandler on_failure;
  asio::io_context io;
  asio::thread_pool writers;  // the streamed answers' bodies, at most stream_limit() at once
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::atomic<std::size_t> streams{0};  // streamed answers being written
  std::atomic<bool> stopping{false};

  State(ServerOptions o, Handler h, FailureHandler f)
      : options(std::move(o)),
        handler(std::move(h)),
        on_failure(std::move(f)),
        writers(stream_limit()),
        acceptor(io),
        signals(io, SIGINT, SIGTERM) {}

  // At most half the server's threads write streamed answers at once.
  std::size_t stream_limit() const { return std::max<std::size_t>(1, options.workers / 2); }

  // The answer to one request.
  Response answer(Request& request) {
    try {
      if (goes_to_handler(request.path)) {
        auto response = handler(request);
        response.headers.emplace_back("Cache-Control", "no-store");
        // Gzipped when the client accepts it: a shared answer's compressed twin, made once; any
        // other answer worth it, now.
        bool gzipped = false;
        const bool varies =
            response.shared_gzipped != nullptr || worth_gzipping(response.body.size(), response.content_type);
        if (request.header("accept-encoding").find("gzip") != std::string::npos) {
          if (response.shared_body && response.shared_gzipped) {
            response.shared_body = std::move(response.shared_gzipped);
            gzipped = true;
          } else if (!response.shared_body && varies) {
            response.body = gzip(response.body);
            gzipped = true;
          }
        }
        response.shared_gzipped.reset();
        if (gzipped) response.headers.emplace_back("Content-Encoding", "gzip");
        if (varies) response.headers.emplace_back("Vary", "Accept-Encoding");
        return response;
      }
      if (request.method != "GET" && request.method != "HEAD") return on_failure(request, Failure::MethodNotAllowed);
      if (auto file = serve_static(options.web_root, request)) return *file;
      return on_failure(request, Failure::NotFound);
    } catch (const std::exception&) {
      return on_failure(request, Failure::Internal);
    }
  }

  // Whether one more streamed answer may start; if so, the caller must call end_stream().
  bool begin_stream() {
    if (streams.fetch_add(1) < stream_limit()) return true;
    streams.fetch_sub(1);
    return false;
  }

  // Runs on a thread of `writers`: `stream` written into `channel`, in chunks.
  void produce(const decltype(Response::stream)& stream, bool each_write, BodyChannel& channel) {
    std::string pending;
    try {
      stream([&](std::string_view bytes) {
        pending += bytes;
        if (pending.size() < kChunkSize && !each_write) return;
        channel.push(std::exchange(pending, {}), stopping);
      });
      if (!pending.empty()) channel.push(std::move(pending), stopping);
      channel.finish(true);
    } catch (const ClientGone&) {
      channel.finish(false);
    } catch (const std::exception& error) {
      spdlog::error("a streamed answer failed after its headers were sent: {}", error.what());
      channel.finish(false);
    }
    streams.fetch_sub(1);
  }
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::State& state) : stream_(std::move(socket)), state_(state) {
    beast::error_code ec;
    const auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
  }

  void read() {
    parser_.emplace();
    parser_->body_limit(state_.options.body_limit);
    parser_->header_limit(kHeaderLimit);
    stream_.expires_after(kReadTimeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

 private:
  void on_read(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
        ec == asio::error::connection_reset || ec == asio::error::eof) {
      close();
      return;
    }
    if (ec) {
      const auto start = std::chrono::steady_clock::now();
      Request request;
      request.remote_address = remote_;
      if (parser_->is_header_done())
        request = to_request(parser_->get(), remote_);
      else
        request.request_id = request_id_of("");
      const RequestScope scope(request.request_id);
      const auto failure = ec == bhttp::error::body_limit ? Failure::BodyTooLarge : Failure::BadRequest;
      auto response = state_.on_failure(request, failure);
      response.headers.emplace_back("X-Request-Id", request.request_id);
      record(request, response.status, start, state_.options.metrics);
      write(std::move(response), false);
      return;
    }
    // The request is answered here, on one of the server's threads (each runs the I/O of every
    // connection and the handlers): no hop to another thread and back for an answer that is
    // cached. A streamed body is written by a thread of `writers`, which waits while the
    // client is slow to read.
    auto message = parser_->release();
    const bool keep_alive = message.keep_alive();
    const auto start = std::chrono::steady_clock::now();
    auto request = to_own_request(message);
    const RequestScope scope(request.request_id);
    auto response = state_.answer(request);
    auto stream = std::exchange(response.stream, nullptr);
    const bool each_write = response.stream_each_write;
    if (message.method() == bhttp::verb::head) {
      response.body.clear();
      response.shared_body.reset();
      stream = nullptr;
    }
    if (stream && !state_.begin_stream()) {
      response = state_.on_failure(request, Failure::Busy);
      stream = nullptr;
    }
    response.headers.emplace_back("X-Request-Id", request.request_id);
    record(request, response.status, start, state_.options.metrics);
    if (!stream) {
      write(std::move(response), keep_alive);
      return;
    }
    auto channel = std::make_shared<BodyChannel>();
    write_streamed(response, channel, keep_alive);
    asio::post(state_.writers, [self = shared_from_this(), stream = std::move(stream), each_write, channel,
                                request_id = request.request_id] {
      const RequestScope writing(request_id);
      self->state_.produce(stream, each_write, *channel);
    });
  }

  Request to_own_request(const bhttp::request<bhttp::string_body>& message) const {
    return to_request(message, remote_);
  }

  void write(Response response, bool keep_alive) {
    if (response.shared_body) {
      auto message = std::make_shared<bhttp::response<bhttp::span_body<const char>>>();
      message->body() = {response.shared_body->data(), response.shared_body->size()};
      send(std::move(message), response, keep_alive);
    } else {
      auto message = std::make_shared<bhttp::response<bhttp::string_body>>();
      message->body() = std::move(response.body);
      send(std::move(message), response, keep_alive);
    }
  }

  // Gives `message` the status and headers of `response`.
  template <class Message>
  static void set_head(Message& message, const Response& response, bool keep_alive) {
    message.version(11);
    message.result(response.status);
    message.set(bhttp::field::server, "riaya");
    message.set(bhttp::field::content_type, response.content_type);
    message.set("X-Content-Type-Options", "nosniff");
    message.set("Referrer-Policy", "same-origin");
    message.set("X-Frame-Options", "DENY");
    for (const auto& [name, value] : response.headers) message.insert(name, value);
    message.keep_alive(keep_alive);
  }

  // Sends `message` with the status and headers of `response`; `response` (and so its shared
  // body, which the message may point into) lives until the write completes.
  template <class Message>
  void send(std::shared_ptr<Message> message, Response& response, bool keep_alive) {
    set_head(*message, response, keep_alive);
    message->prepare_payload();
    stream_.expires_after(kWriteTimeout);
    bhttp::async_write(stream_, *message,
                       [self = shared_from_this(), message, body = std::move(response.shared_body), keep_alive](
                           beast::error_code ec, std::size_t) {
                         if (ec || !keep_alive) {
                           self->close();
                           return;
                         }
                         self->read();
                       });
  }

  // Sends the status and headers of `response`, then the body its writer puts in `channel`,
  // chunk by chunk.
  void write_streamed(const Response& response, const std::shared_ptr<BodyChannel>& channel, bool keep_alive) {
    auto message = std::make_shared<bhttp::response<bhttp::empty_body>>();
    set_head(*message, response, keep_alive);
    message->chunked(true);
    auto serializer = std::make_shared<bhttp::response_serializer<bhttp::empty_body>>(*message);
    stream_.expires_after(kChunkTimeout);
    bhttp::async_write_header(
        stream_, *serializer,
        [self = shared_from_this(), message, serializer, channel, keep_alive](beast::error_code ec, std::size_t) {
          if (ec) {
            channel->abandon();
            self->close();
            return;
          }
          self->watch_peer(channel);
          self->send_chunks(channel, keep_alive);
        });
  }

  // While a streamed answer is being written: when the client closes the connection (a
  // cancelled download), the writer is told at its next write, rather than at the write after
  // the one that fails. Data the client sends meanwhile (a pipelined request) ends the watch.
  void watch_peer(const std::shared_ptr<BodyChannel>& channel) {
    const auto watch = ++watches_;
    watching_ = true;
    stream_.socket().async_wait(
        tcp::socket::wait_read, [self = shared_from_this(), channel, watch](beast::error_code ec) {
          if (watch != self->watches_) return;  // the handler of an earlier watch, run late
          self->watching_ = false;
          if (ec) return;  // cancelled: the answer is complete
          // Without waiting: what made the socket readable may already be read by the next request.
          char byte = 0;
          const auto n = ::recv(self->stream_.socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
          if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) channel->abandon();
        });
  }

  void stop_watching() {
    if (!watching_) return;
    beast::error_code ignored;
    stream_.socket().cancel(ignored);
  }

  // Sends what waits in `channel`, then waits for more, until its writer is done.
  void send_chunks(const std::shared_ptr<BodyChannel>& channel, bool keep_alive) {
    auto next = channel->take([self = shared_from_this(), channel, keep_alive] {
      asio::post(self->stream_.get_executor(), [self, channel, keep_alive] { self->send_chunks(channel, keep_alive); });
    });
    switch (next.kind) {
      case BodyChannel::Kind::Wait: return;
      case BodyChannel::Kind::Broken:
        stop_watching();
        close();
        return;
      case BodyChannel::Kind::End:
        stop_watching();
        stream_.expires_after(kChunkTimeout);
        asio::async_write(stream_, bhttp::make_chunk_last(),
                          [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                            if (ec || !keep_alive) {
                              self->close();
                              return;
                            }
                            self->read();
                          });
        return;
      case BodyChannel::Kind::Chunk: {
        auto bytes = std::make_shared<std::string>(std::move(next.bytes));
        stream_.expires_after(kChunkTimeout);
        asio::async_write(stream_, bhttp::make_chunk(asio::buffer(*bytes)),
                          [self = shared_from_this(), channel, bytes, keep_alive](beast::error_code ec, std::size_t) {
                            if (ec) {
                              channel->abandon();
                              self->close();
                              return;
                            }
                            self->send_chunks(channel, keep_alive);
                          });
        return;
      }
    }
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Server::State& state_;
  std::string remote_;
  bool watching_ = false;      // watch_peer waits
  std::uint64_t watches_ = 0;  // watch_peer's calls, so that a late handler knows it is not the latest
};

void accept(Server::State& state) {
  state.acceptor.async_accept(asio::make_strand(state.io), [&state](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (!ec) std::make_shared<Session>(std::move(socket), state)->read();
    accept(state);
  });
}

}  // namespace

Server::Server(ServerOptions options, Handler handler, FailureHandler on_failure)
    : state_(std::make_unique<State>(std::move(options), std::move(handler), std::move(on_failure))) {
  const tcp::endpoint endpoint(asio::ip::make_address(state_->options.address), state_->options.port);
  state_->acceptor.open(endpoint.protocol());
  state_->acceptor.set_option(asio::socket_base::reuse_address(true));
  state_->acceptor.bind(endpoint);
  state_->acceptor.listen(asio::socket_base::max_listen_connections);
}

Server::~Server() {
  stop();
  state_->writers.join();
}

unsigned short Server::port() const { return state_->acceptor.local_endpoint().port(); }

void Server::run() {
  if (state_->options.handle_signals)
    state_->signals.async_wait([this](beast::error_code ec, int) {
      if (!ec) stop();
    });
  accept(*state_);
  std::vector<std::thread> extra;
  for (std::size_t i = 1; i < state_->options.workers; ++i) extra.emplace_back([this] { state_->io.run(); });
  state_->io.run();
  for (auto& thread : extra) thread.join();
}

void Server::stop() {
  state_->stopping = true;
  asio::post(state_->io, [this] {
    beast::error_code ignored;
    state_->acceptor.close(ignored);
    state_->signals.cancel(ignored);
    state_->io.stop();
  });
}

}  // namespace riaya::http
