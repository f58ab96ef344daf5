#include "messages.h"

#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace removalsim::distributed::detail {

void append_results(std::vector<double> &message, std::size_t first,
                    std::span<const analysis::UnitResult> results) {
  for (std::size_t i = 0; i < results.size(); ++i) {
    message.push_back(static_cast<double>(first + i));
    message.push_back(static_cast<double>(results[i].size()));
    message.insert(message.end(), results[i].begin(), results[i].end());
  }
}

void send(const std::vector<double> &message, int destination, Tag tag) {
  MPI_Send(message.data(), static_cast<int>(message.size()), MPI_DOUBLE, destination, tag,
           MPI_COMM_WORLD);
}

namespace {

std::vector<double> take(MPI_Status &status) {
  int count = 0;
  MPI_Get_count(&status, MPI_DOUBLE, &count);
  std::vector<double> message(static_cast<std::size_t>(count));
  MPI_Recv(message.data(), count, MPI_DOUBLE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
           MPI_STATUS_IGNORE);
  return message;
}

} // namespace

bool try_receive(Tag tag, std::vector<double> &message, int &source) {
  int waiting = 0;
  MPI_Status status;
  MPI_Iprobe(MPI_ANY_SOURCE, tag, MPI_COMM_WORLD, &waiting, &status);
  if (waiting == 0) {
    return false;
  }
  source = status.MPI_SOURCE;
  message = take(status);
  return true;
}

std::vector<double> receive(int source, Tag tag) {
  PollingBackoff backoff;
  for (;;) {
    int waiting = 0;
    MPI_Status status;
    MPI_Iprobe(source, tag, MPI_COMM_WORLD, &waiting, &status);
    if (waiting != 0) {
      return take(status);
    }
    backoff.sleep();
  }
}

void PollingBackoff::sleep() {
  std::this_thread::sleep_for(std::chrono::microseconds(microseconds_));
  microseconds_ = std::min(kLongest, 2 * microseconds_);
}

} // namespace removalsim::distributed::detail
