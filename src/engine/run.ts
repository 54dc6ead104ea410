// placeholder: the run layer lands next (see runDownloads / runSleep)
