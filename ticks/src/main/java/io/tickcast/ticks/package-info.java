/**
 * Validation of ticks before anything touches a window, and the reason codes of the dead-letter
 * topic.
 */
package io.tickcast.ticks;
