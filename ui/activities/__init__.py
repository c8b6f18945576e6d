"""宣传活动与培训: the lists of campaign events and trainings and their forms."""
