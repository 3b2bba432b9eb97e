/**
 * Publishing a CSV price column as ticks: reading ({@link io.tickcast.cli.replay.CsvTicks}),
 * pacing ({@link io.tickcast.cli.replay.Rate}), sending ({@link io.tickcast.cli.replay.TickPublisher})
 * and the {@code tickcast replay} command.
 */
package io.tickcast.cli.replay;
