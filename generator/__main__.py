from generator.cli import main

if __name__ == "__main__":  # not in the helper process, which `spawn` starts from here
    main()
