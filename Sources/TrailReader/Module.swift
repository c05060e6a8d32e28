enum TrailReaderModule {}
