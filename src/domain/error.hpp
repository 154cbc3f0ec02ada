#pragma once

#include <nlohmann/json.hpp>

#include <expected>
#include <string>

namespace riaya::domain {

// Every expected failure a request can meet. The API maps each to one HTTP status
// (status_of in api/api.cpp) and to a message in the caller's language (domain/messages.cpp).
enum class ErrorCode {
  MalformedJson,
  InvalidUtf8,
  BadParameter,
  Unauthenticated,
  InvalidCredentials,
  SessionExpired,
  Forbidden,
  Csrf,
  NotFound,
  Conflict,
  InvalidState,
  Duplicate,
  TooLarge,
  Required,
  UnknownField,
  WrongType,
  TooLong,
  InvalidValue,
  OutOfRange,
  InvalidDate,
  InvalidReference,
  DateOrder,
  PasswordTooShort,
  WrongPassword,
  Locked,
  PasswordChangeRequired,
  ImportRejected,
  FileTooLarge,
  UnsupportedFile,
  TooManyFiles,
  MethodNotAllowed,
  Internal,
  FileNameMismatch,
  DiskFull,
  UnsupportedMediaType,
  SessionRequired,
  Busy,
  ConfirmationRequired,
  NoRegister,
  RegisterKept,
};

// A failure as a value: what went wrong, which field (empty when none), extra
// machine-readable detail for the client (the current record on a conflict,
// retry_after on a lock-out, the limit on a length error), and an internal note for the
// server's log only (never sent to the client: no personal data in it either).
struct Error {
  ErrorCode code;
  std::string field = {};
  nlohmann::json detail = nlohmann::json::object();
  std::string internal = {};
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string field = {},
                                   nlohmann::json detail = nlohmann::json::object()) {
  return std::unexpected(Error{code, std::move(field), std::move(detail)});
}

// The stable code sent to clients, e.g. "not_found".
std::string_view error_code_name(ErrorCode code);

}  // namespace riaya::domain
