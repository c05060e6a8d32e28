enum PolicyLanguageModule {}
