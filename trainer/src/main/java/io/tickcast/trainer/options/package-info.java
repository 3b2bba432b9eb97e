/**
 * Command-line options shared by every Tickcast command (picocli mixins): {@code
 * -b/--bootstrap-servers} and {@code -X/--kafka-property}, defined once. They live in the lowest
 * module with commands ({@code train}, {@code retrain}); the CLI's commands use the same classes.
 */
package io.tickcast.trainer.options;
