#pragma once

#include "http/message.hpp"

#include <functional>
#include <memory>
#include <string>

namespace riaya::http {

class Metrics;

// What went wrong below the handlers, for the application to word in its own error shape.
// Busy: as many streamed answers are being sent as the server allows (half its workers).
enum class Failure { BodyTooLarge, BadRequest, NotFound, MethodNotAllowed, Internal, Busy };

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;        // 0: any free port (see Server::port)
  std::size_t workers = 4;           // threads that move bytes and run handlers (database work)
  std::size_t body_limit = 8 << 20;  // uploaded files; the API holds JSON bodies to less
  std::string web_root;              // folder of the built web app; empty: no static files
  bool handle_signals = true;        // stop on SIGINT / SIGTERM
  Metrics* metrics = nullptr;        // when set: every answered request is counted there
};

// An HTTP/1.1 server (Boost.Beast). Requests whose path starts with /api/ or is /healthz,
// /readyz or /metrics go to `handler`, run on the thread that read the request (`workers` threads
// each run the I/O and the handlers); other GETs are served from web_root, with index.html for
// paths that are not files (the web app routes them). An answer with a `stream` is sent in
// chunks as its writer produces them, on a thread of its own, which waits while the client is
// slow to read (at most half the workers at once; beyond: Failure::Busy). Every answer carries
// an X-Request-Id, and each request leaves an access line in the log (http/log.hpp) and is
// counted in `metrics`. Thread-safe to stop().
class Server {
 public:
  using Handler = std::function<Response(Request&)>;
  using FailureHandler = std::function<Response(const Request&, Failure)>;

  // Binds the socket (throws std::system_error when it cannot).
  Server(ServerOptions options, Handler handler, FailureHandler on_failure);
  ~Server();

  unsigned short port() const;
  // Serves until stop() or SIGINT/SIGTERM; returns then.
  void run();
  void stop();

  struct State;  // implementation detail (server.cpp)

 private:
  std::unique_ptr<State> state_;
};

}  // namespace riaya::http
