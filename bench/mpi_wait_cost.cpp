// How much CPU a rank burns while it waits for a message: OpenMPI's blocking MPI_Recv against the
// polling receive removalsim uses (MPI_Iprobe, then sleeps from 50 us to 1 ms). Rank 0 sleeps
// `seconds` and then sends one message; rank 1 waits for it both ways and prints its CPU time.
//   mpirun -np 2 build/release/bench/mpi_wait_cost 3     (REMOVALSIM_BUILD_BENCH and MPI)
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sys/resource.h>
#include <thread>

namespace {

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

void polling_receive(int &value) {
  long microseconds = 50;
  for (;;) {
    int waiting = 0;
    MPI_Iprobe(0, 0, MPI_COMM_WORLD, &waiting, MPI_STATUS_IGNORE);
    if (waiting != 0) {
      MPI_Recv(&value, 1, MPI_INT, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      return;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(microseconds));
    microseconds = std::min(1000L, 2 * microseconds);
  }
}

} // namespace

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  const double seconds = argc > 1 ? std::atof(argv[1]) : 3.0;
  for (const bool blocking : {true, false}) {
    MPI_Barrier(MPI_COMM_WORLD);
    int value = 0;
    if (rank == 0) {
      std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
      MPI_Send(&value, 1, MPI_INT, 1, 0, MPI_COMM_WORLD);
    } else if (rank == 1) {
      const double cpu = cpu_seconds();
      const auto start = std::chrono::steady_clock::now();
      if (blocking) {
        MPI_Recv(&value, 1, MPI_INT, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      } else {
        polling_receive(value);
      }
      const double wall =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("%-26s waited %.2f s wall, %.2f s CPU\n",
                  blocking ? "blocking MPI_Recv:" : "MPI_Iprobe + sleeps:", wall,
                  cpu_seconds() - cpu);
    }
  }
  MPI_Finalize();
}
