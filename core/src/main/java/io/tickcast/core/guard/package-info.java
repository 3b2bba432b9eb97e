/** Input and output guards that keep unusable numbers out of published forecasts. */
package io.tickcast.core.guard;
