#pragma once

// The exception hierarchy. Errors the server reports map from their SQLSTATE to one
// class per SQLSTATE class and one per common code; failed statements throw a type that
// derives from both that class and QueryError (which carries the SQL and its variables).
// Errors found on our side of the wire derive from ValueError or UsageError.

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace iceaxe {

// Root of everything this library throws.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A value that cannot be sent or read as asked: out of range for its type, a NUL byte in
// text, an unexpected NULL, a column type that does not convert to the requested C++ type.
class ValueError : public Error {
 public:
  using Error::Error;
};

// The API used in a way it does not allow (a closed connection, a nested transaction...).
class UsageError : public Error {
 public:
  using Error::Error;
};

// The fields of a server error (libpq's PG_DIAG_*); connection-level failures found by
// the client carry a synthesized SQLSTATE (08001 connect failed, 08006 connection lost).
struct ErrorFields {
  std::string sqlstate;
  std::string severity;
  std::string message;
  std::string detail;
  std::string hint;
  std::string schema_name;
  std::string table_name;
  std::string column_name;
  std::string constraint_name;
  std::string datatype_name;
};

class PostgresError : public Error {
 public:
  explicit PostgresError(ErrorFields fields);

  const std::string& sqlstate() const noexcept { return fields_->sqlstate; }
  const std::string& severity() const noexcept { return fields_->severity; }
  const std::string& message() const noexcept { return fields_->message; }
  const std::string& detail() const noexcept { return fields_->detail; }
  const std::string& hint() const noexcept { return fields_->hint; }
  const std::string& schema_name() const noexcept { return fields_->schema_name; }
  const std::string& table_name() const noexcept { return fields_->table_name; }
  const std::string& column_name() const noexcept { return fields_->column_name; }
  const std::string& constraint_name() const noexcept { return fields_->constraint_name; }
  const std::string& datatype_name() const noexcept { return fields_->datatype_name; }
  const ErrorFields& fields() const noexcept { return *fields_; }

 private:
  std::shared_ptr<const ErrorFields> fields_;  // shared: exceptions are copied when thrown
};

// X(class name, parent class, SQLSTATE it stands for). Class-level entries end in "000".
#define ICEAXE_PG_ERROR_TYPES(X)                                           \
  X(SqlStatementNotYetComplete, PostgresError, "03000")                    \
  X(ConnectionException, PostgresError, "08000")                           \
  X(ConnectionDoesNotExist, ConnectionException, "08003")                  \
  X(ConnectionFailure, ConnectionException, "08006")                       \
  X(ProtocolViolation, ConnectionException, "08P01")                       \
  X(TriggeredActionException, PostgresError, "09000")                      \
  X(FeatureNotSupported, PostgresError, "0A000")                           \
  X(InvalidTransactionInitiation, PostgresError, "0B000")                  \
  X(LocatorException, PostgresError, "0F000")                              \
  X(InvalidGrantor, PostgresError, "0L000")                                \
  X(InvalidRoleSpecification, PostgresError, "0P000")                      \
  X(DiagnosticsException, PostgresError, "0Z000")                          \
  X(CaseNotFound, PostgresError, "20000")                                  \
  X(CardinalityViolation, PostgresError, "21000")                          \
  X(DataException, PostgresError, "22000")                                 \
  X(StringDataRightTruncation, DataException, "22001")                     \
  X(NullValueNotAllowed, DataException, "22004")                           \
  X(NumericValueOutOfRange, DataException, "22003")                        \
  X(InvalidDatetimeFormat, DataException, "22007")                         \
  X(DatetimeFieldOverflow, DataException, "22008")                         \
  X(DivisionByZero, DataException, "22012")                                \
  X(CharacterNotInRepertoire, DataException, "22021")                      \
  X(InvalidParameterValue, DataException, "22023")                         \
  X(InvalidEscapeSequence, DataException, "22025")                         \
  X(ArraySubscriptError, DataException, "2202E")                           \
  X(InvalidJsonText, DataException, "22032")                               \
  X(InvalidTextRepresentation, DataException, "22P02")                     \
  X(InvalidBinaryRepresentation, DataException, "22P03")                   \
  X(UntranslatableCharacter, DataException, "22P05")                       \
  X(IntegrityConstraintViolation, PostgresError, "23000")                  \
  X(RestrictViolation, IntegrityConstraintViolation, "23001")              \
  X(NotNullViolation, IntegrityConstraintViolation, "23502")               \
  X(ForeignKeyViolation, IntegrityConstraintViolation, "23503")            \
  X(UniqueViolation, IntegrityConstraintViolation, "23505")                \
  X(CheckViolation, IntegrityConstraintViolation, "23514")                 \
  X(ExclusionViolation, IntegrityConstraintViolation, "23P01")             \
  X(InvalidCursorState, PostgresError, "24000")                            \
  X(InvalidTransactionState, PostgresError, "25000")                       \
  X(ActiveSqlTransaction, InvalidTransactionState, "25001")                \
  X(ReadOnlySqlTransaction, InvalidTransactionState, "25006")              \
  X(NoActiveSqlTransaction, InvalidTransactionState, "25P01")              \
  X(InFailedSqlTransaction, InvalidTransactionState, "25P02")              \
  X(IdleInTransactionSessionTimeout, InvalidTransactionState, "25P03")     \
  X(InvalidSqlStatementName, PostgresError, "26000")                       \
  X(TriggeredDataChangeViolation, PostgresError, "27000")                  \
  X(InvalidAuthorizationSpecification, PostgresError, "28000")             \
  X(InvalidPassword, InvalidAuthorizationSpecification, "28P01")           \
  X(DependentPrivilegeDescriptorsStillExist, PostgresError, "2B000")       \
  X(InvalidTransactionTermination, PostgresError, "2D000")                 \
  X(SqlRoutineException, PostgresError, "2F000")                           \
  X(InvalidCursorName, PostgresError, "34000")                             \
  X(ExternalRoutineException, PostgresError, "38000")                      \
  X(ExternalRoutineInvocationException, PostgresError, "39000")            \
  X(SavepointException, PostgresError, "3B000")                            \
  X(InvalidSavepointSpecification, SavepointException, "3B001")            \
  X(InvalidCatalogName, PostgresError, "3D000")                            \
  X(InvalidSchemaName, PostgresError, "3F000")                             \
  X(TransactionRollback, PostgresError, "40000")                           \
  X(SerializationFailure, TransactionRollback, "40001")                    \
  X(TransactionIntegrityConstraintViolation, TransactionRollback, "40002") \
  X(StatementCompletionUnknown, TransactionRollback, "40003")              \
  X(DeadlockDetected, TransactionRollback, "40P01")                        \
  X(SyntaxErrorOrAccessRuleViolation, PostgresError, "42000")              \
  X(InsufficientPrivilege, SyntaxErrorOrAccessRuleViolation, "42501")      \
  X(SyntaxError, SyntaxErrorOrAccessRuleViolation, "42601")                \
  X(InvalidColumnDefinition, SyntaxErrorOrAccessRuleViolation, "42611")    \
  X(NameTooLong, SyntaxErrorOrAccessRuleViolation, "42622")                \
  X(DuplicateColumn, SyntaxErrorOrAccessRuleViolation, "42701")            \
  X(AmbiguousColumn, SyntaxErrorOrAccessRuleViolation, "42702")            \
  X(UndefinedColumn, SyntaxErrorOrAccessRuleViolation, "42703")            \
  X(UndefinedObject, SyntaxErrorOrAccessRuleViolation, "42704")            \
  X(DuplicateObject, SyntaxErrorOrAccessRuleViolation, "42710")            \
  X(DuplicateFunction, SyntaxErrorOrAccessRuleViolation, "42723")          \
  X(GroupingError, SyntaxErrorOrAccessRuleViolation, "42803")              \
  X(DatatypeMismatch, SyntaxErrorOrAccessRuleViolation, "42804")           \
  X(WrongObjectType, SyntaxErrorOrAccessRuleViolation, "42809")            \
  X(InvalidForeignKey, SyntaxErrorOrAccessRuleViolation, "42830")          \
  X(CannotCoerce, SyntaxErrorOrAccessRuleViolation, "42846")               \
  X(UndefinedFunction, SyntaxErrorOrAccessRuleViolation, "42883")          \
  X(ReservedName, SyntaxErrorOrAccessRuleViolation, "42939")               \
  X(UndefinedTable, SyntaxErrorOrAccessRuleViolation, "42P01")             \
  X(UndefinedParameter, SyntaxErrorOrAccessRuleViolation, "42P02")         \
  X(DuplicateDatabase, SyntaxErrorOrAccessRuleViolation, "42P04")          \
  X(DuplicateSchema, SyntaxErrorOrAccessRuleViolation, "42P06")            \
  X(DuplicateTable, SyntaxErrorOrAccessRuleViolation, "42P07")             \
  X(InvalidColumnReference, SyntaxErrorOrAccessRuleViolation, "42P10")     \
  X(InvalidTableDefinition, SyntaxErrorOrAccessRuleViolation, "42P16")     \
  X(IndeterminateDatatype, SyntaxErrorOrAccessRuleViolation, "42P18")      \
  X(WithCheckOptionViolation, PostgresError, "44000")                      \
  X(InsufficientResources, PostgresError, "53000")                         \
  X(DiskFull, InsufficientResources, "53100")                              \
  X(OutOfMemory, InsufficientResources, "53200")                           \
  X(TooManyConnections, InsufficientResources, "53300")                    \
  X(ProgramLimitExceeded, PostgresError, "54000")                          \
  X(StatementTooComplex, ProgramLimitExceeded, "54001")                    \
  X(TooManyColumns, ProgramLimitExceeded, "54011")                         \
  X(TooManyArguments, ProgramLimitExceeded, "54023")                       \
  X(ObjectNotInPrerequisiteState, PostgresError, "55000")                  \
  X(ObjectInUse, ObjectNotInPrerequisiteState, "55006")                    \
  X(CantChangeRuntimeParam, ObjectNotInPrerequisiteState, "55P02")         \
  X(LockNotAvailable, ObjectNotInPrerequisiteState, "55P03")               \
  X(OperatorIntervention, PostgresError, "57000")                          \
  X(QueryCanceled, OperatorIntervention, "57014")                          \
  X(AdminShutdown, OperatorIntervention, "57P01")                          \
  X(CrashShutdown, OperatorIntervention, "57P02")                          \
  X(CannotConnectNow, OperatorIntervention, "57P03")                       \
  X(DatabaseDropped, OperatorIntervention, "57P04")                        \
  X(IdleSessionTimeout, OperatorIntervention, "57P05")                     \
  X(SystemError, PostgresError, "58000")                                   \
  X(IoError, SystemError, "58030")                                         \
  X(UndefinedFile, SystemError, "58P01")                                   \
  X(DuplicateFile, SystemError, "58P02")                                   \
  X(ConfigFileError, PostgresError, "F0000")                               \
  X(FdwError, PostgresError, "HV000")                                      \
  X(PlpgsqlError, PostgresError, "P0000")                                  \
  X(RaiseException, PlpgsqlError, "P0001")                                 \
  X(NoDataFound, PlpgsqlError, "P0002")                                    \
  X(TooManyRows, PlpgsqlError, "P0003")                                    \
  X(AssertFailure, PlpgsqlError, "P0004")                                  \
  X(InternalError, PostgresError, "XX000")                                 \
  X(DataCorrupted, InternalError, "XX001")                                 \
  X(IndexCorrupted, InternalError, "XX002")

#define ICEAXE_PG_DECLARE_ERROR(name, parent, code) \
  class name : public parent {                      \
   public:                                          \
    using parent::parent;                           \
  };
ICEAXE_PG_ERROR_TYPES(ICEAXE_PG_DECLARE_ERROR)
#undef ICEAXE_PG_DECLARE_ERROR

// The connection broke while a COMMIT's reply was pending: the transaction may or may not
// have committed. transaction_id() (when known) can be checked with pg_xact_status().
class CommitOutcomeUnknown : public ConnectionFailure {
 public:
  CommitOutcomeUnknown(ErrorFields fields, std::optional<std::uint64_t> transaction_id)
      : ConnectionFailure(std::move(fields)), transaction_id_(transaction_id) {}
  std::optional<std::uint64_t> transaction_id() const noexcept { return transaction_id_; }

 private:
  std::optional<std::uint64_t> transaction_id_;
};

// Mixin of every error raised by a failed statement: the SQL text and its variables
// (rendered as text, long values shortened). Not itself a std::exception, so catching
// std::exception or PostgresError stays unambiguous.
class QueryError {
 public:
  virtual ~QueryError() = default;
  virtual const char* what() const noexcept = 0;
  virtual const std::string& sqlstate() const noexcept = 0;
  const std::string& sql_text() const noexcept { return context_->sql; }
  const std::vector<std::string>& variables() const noexcept { return context_->variables; }

 protected:
  QueryError(std::string sql, std::vector<std::string> variables, const std::string& cause);
  const char* full_message() const noexcept { return context_->what.c_str(); }

 private:
  struct Context {
    std::string sql;
    std::vector<std::string> variables;
    std::string what;
  };
  std::shared_ptr<const Context> context_;
};

// `E` raised by a statement: catchable as E, as its parents, and as QueryError.
template <class E>
class QueryErrorOf final : public E, public QueryError {
 public:
  template <class... Args>
  QueryErrorOf(std::string sql, std::vector<std::string> variables, Args&&... args)
      : E(std::forward<Args>(args)...),
        QueryError(std::move(sql), std::move(variables), E::what()) {}
  const char* what() const noexcept override { return full_message(); }
  const std::string& sqlstate() const noexcept override { return E::sqlstate(); }
};

}  // namespace iceaxe
