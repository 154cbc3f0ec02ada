// riaya backup / restore: a consistent copy taken while the server serves, brought back whole.
#include "store/backup.hpp"
#include "suite.hpp"

#include <filesystem>
#include <fstream>

namespace riaya::test {
namespace {

class Backup : public ApiTest {};

TEST_F(Backup, CopyTakenWhileServingIsRestoredWhole) {
  auto division = as("division");
  ASSERT_EQ(division.post("/api/institutions", institution("T-BACKUP-1")).status, 201);
  const auto file = (std::filesystem::temp_directory_path() / ("riaya-backup-" + std::to_string(::getpid()))).string();
  store::backup(server().db(), file);
  ASSERT_TRUE(std::filesystem::file_size(file) > 0);

  ASSERT_EQ(division.post("/api/institutions", institution("T-BACKUP-2")).status, 201);
  EXPECT_EQ(division.get("/api/institutions?q=T-BACKUP").data()["total"], 2);

  store::restore(server().db(), file);
  auto after = as("division");  // sessions are part of the restored content too
  const auto found = after.get("/api/institutions?q=T-BACKUP").data();
  EXPECT_EQ(found["total"], 1);
  EXPECT_EQ(found["items"][0]["code"], "T-BACKUP-1");
  std::filesystem::remove(file);
}

TEST_F(Backup, RestoreRefusesAFileThatIsNotABackup) {
  const auto file =
      (std::filesystem::temp_directory_path() / ("riaya-not-a-backup-" + std::to_string(::getpid()))).string();
  {
    std::ofstream out(file);
    out << "not a database";
  }
  const auto before = count("institutions");
  EXPECT_THROW(store::restore(server().db(), file), std::runtime_error);
  EXPECT_EQ(count("institutions"), before);
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace riaya::test
