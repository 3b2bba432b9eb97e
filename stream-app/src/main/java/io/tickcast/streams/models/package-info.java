/**
 * Models shipped through Kafka: the compacted models topic ({@link
 * io.tickcast.streams.models.ModelTopic}), its records ({@link
 * io.tickcast.streams.models.ModelRecords}: an artifact directory's files with their checksums),
 * writing them ({@link io.tickcast.streams.models.ModelPublisher}), reading them ({@link
 * io.tickcast.streams.models.ModelTopicReader}) and the stream app's follower that validates each
 * and hot-swaps it in ({@link io.tickcast.streams.models.ModelFollower}).
 */
package io.tickcast.streams.models;
