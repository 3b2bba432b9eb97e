package io.tickcast.cli.demo;

/**
 * A tick the demo published.
 *
 * @param symbol the symbol
 * @param eventTimeMillis the tick's event time, epoch milliseconds
 * @param price the price, price units
 * @param sentAtNanos {@link System#nanoTime()} when it was handed to the producer
 */
public record SentTick(String symbol, long eventTimeMillis, double price, long sentAtNanos) {}
